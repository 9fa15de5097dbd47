using System.Text.Json;
using Dapper;
using MassTransit;
using TalentNet.Contracts;
using TalentNet.Contracts.Alumni;
using TalentNet.Contracts.Recommendations;
using TalentNet.Messaging;
using TalentNet.Recommendations.Features.Dashboard;
using TalentNet.Recommendations.Features.Matches;
using TalentNet.Recommendations.Features.Notifications;
using TalentNet.ServiceDefaults;
using TalentNet.Storage;

namespace TalentNet.Recommendations.Features.Requests;

/// <summary>
/// A departure updates the local alumni read model and, with the leaver's consent and an
/// eligibility the policy does not skip, asks the former manager for a recommendation: one
/// request per departure, reminders and expiry scheduled in the database.
/// </summary>
public sealed class EmployeeDepartedConsumer(
    ConsumeSession session, Outbox outbox, RecommendationsOptions options, NotificationOptions notifications, TimeProvider clock) : IConsumer<EmployeeDeparted>
{
    internal const string UpdateAlumnusSql =
        """
        UPDATE alumni_read SET full_name = @FullName, personal_email = @PersonalEmail, work_email = @WorkEmail, department = @Department,
            role = @Role, manager_email = @ManagerEmail, reason = @Reason, rehire_eligibility = @RehireEligibility,
            consent_rehire = CASE WHEN consent_changed_at IS NULL OR consent_changed_at < @OccurredAt THEN @ConsentRehire ELSE consent_rehire END,
            consent_recommendation = CASE WHEN consent_changed_at IS NULL OR consent_changed_at < @OccurredAt THEN @ConsentRecommendation ELSE consent_recommendation END,
            consent_alumni_network = CASE WHEN consent_changed_at IS NULL OR consent_changed_at < @OccurredAt THEN @ConsentAlumniNetwork ELSE consent_alumni_network END,
            status = CASE WHEN consent_changed_at IS NULL OR consent_changed_at < @OccurredAt THEN @Status ELSE status END,
            consent_changed_at = CASE WHEN consent_changed_at IS NULL OR consent_changed_at < @OccurredAt THEN @OccurredAt ELSE consent_changed_at END,
            would_return = @WouldReturn, skills = @Skills, last_day = @LastDay, language = @Language, manager_name = @ManagerName,
            linkedin_url = @LinkedInUrl, skill_terms = @SkillTerms, role_terms = @RoleTerms, last_month = @LastMonth, updated_at = @Now
        WHERE alumnus_id = @AlumnusId
        """;

    /// <summary>A consent change that came ahead of this departure, newer than it, wins over the departure's consents.</summary>
    internal const string TakeEarlySql =
        """
        UPDATE alumni_read SET
            consent_rehire = (SELECT e.consent_rehire FROM early_consent_changes e WHERE e.alumnus_id = @AlumnusId),
            consent_recommendation = (SELECT e.consent_recommendation FROM early_consent_changes e WHERE e.alumnus_id = @AlumnusId),
            consent_alumni_network = (SELECT e.consent_alumni_network FROM early_consent_changes e WHERE e.alumnus_id = @AlumnusId),
            status = (SELECT e.status FROM early_consent_changes e WHERE e.alumnus_id = @AlumnusId),
            consent_changed_at = (SELECT e.occurred_at FROM early_consent_changes e WHERE e.alumnus_id = @AlumnusId)
        WHERE alumnus_id = @AlumnusId
          AND EXISTS (SELECT 1 FROM early_consent_changes e WHERE e.alumnus_id = @AlumnusId AND e.occurred_at > @OccurredAt)
        """;

    internal const string DropEarlySql = "DELETE FROM early_consent_changes WHERE alumnus_id = @AlumnusId";

    internal const string InsertAlumnusSql =
        """
        INSERT INTO alumni_read (alumnus_id, full_name, personal_email, work_email, linkedin_url, department, role, manager_email, reason,
            rehire_eligibility, consent_rehire, consent_recommendation, consent_alumni_network, would_return, skills, last_day, status, language, manager_name,
            consent_changed_at, skill_terms, role_terms, last_month, updated_at)
        VALUES (@AlumnusId, @FullName, @PersonalEmail, @WorkEmail, @LinkedInUrl, @Department, @Role, @ManagerEmail, @Reason,
            @RehireEligibility, @ConsentRehire, @ConsentRecommendation, @ConsentAlumniNetwork, @WouldReturn, @Skills, @LastDay, @Status, @Language, @ManagerName,
            @OccurredAt, @SkillTerms, @RoleTerms, @LastMonth, @Now)
        """;

    internal const string RequestExistsSql = "SELECT COUNT(*) FROM recommendation_requests WHERE departure_id = @DepartureId";

    internal const string InsertRequestSql =
        """
        INSERT INTO recommendation_requests (id, alumnus_id, departure_id, manager_email, department, last_day, status, due_on, requested_at, updated_at, version)
        VALUES (@Id, @AlumnusId, @DepartureId, @ManagerEmail, @Department, @LastDay, @Status, @DueOn, @Now, @Now, 1)
        """;

    internal const string ScheduleSql =
        "INSERT INTO recommendation_schedule (request_id, kind, days_from_due, due_at) VALUES (@RequestId, @Kind, @DaysFromDue, @DueAt)";

    public async Task Consume(ConsumeContext<EmployeeDeparted> context)
    {
        var db = session.Current;
        var departed = context.Message;
        var now = clock.GetUtcNow();
        var alumnus = new
        {
            departed.AlumnusId, departed.FullName, departed.PersonalEmail, departed.WorkEmail, departed.Department, departed.Role,
            ManagerEmail = departed.ManagerEmail.ToLowerInvariant(), Reason = departed.Reason.ToWire(),
            RehireEligibility = departed.RehireEligibility.ToWire(), Status = AlumnusStatus.Alumnus.ToWire(),
            ConsentRehire = departed.Consents.RehireOutreach ? 1 : 0, ConsentRecommendation = departed.Consents.RecommendationRequest ? 1 : 0,
            ConsentAlumniNetwork = departed.Consents.AlumniNetwork ? 1 : 0,
            WouldReturn = departed.WouldReturn?.ToWire(), Skills = JsonSerializer.Serialize(departed.Skills), departed.LastDay, Now = now,
            Language = departed.Language?.ToWire(), departed.ManagerName, departed.LinkedInUrl, departed.OccurredAt,
            SkillTerms = MatchTerms.Skills(departed.Skills), RoleTerms = MatchTerms.Role(departed.Role), LastMonth = MatchTerms.Month(departed.LastDay),
        };
        if (await db.Connection.ExecuteAsync(UpdateAlumnusSql, alumnus, db.Transaction) == 0)
        {
            await db.Connection.ExecuteAsync(InsertAlumnusSql, alumnus, db.Transaction);
        }

        await db.Connection.ExecuteAsync(TakeEarlySql, alumnus, db.Transaction);
        await db.Connection.ExecuteAsync(DropEarlySql, alumnus, db.Transaction);

        // The departure's consent, or a newer change that is already here.
        var consented = await RecommendationRequest.LeaverConsentsAsync(db, departed.AlumnusId);
        if (await db.Connection.ExecuteScalarAsync<long>(RequestExistsSql, new { departed.DepartureId }, db.Transaction) > 0)
        {
            return;
        }

        var wanted = consented && !options.SkipsRequestFor(departed.RehireEligibility);
        var dueOn = departed.LastDay.AddDays(options.DueDays);
        await RequestTallies.DepartedAsync(db, departed.LastDay, departed.Department, alumnus.ManagerEmail, consented, wanted ? dueOn : null);
        if (wanted)
        {
            await OpenRequestAsync(db, outbox, options, notifications, departed.AlumnusId, departed.DepartureId, alumnus.ManagerEmail, departed.Department, departed.LastDay, now);
        }
    }

    /// <summary>The request to the former manager, its reminders and expiry, the mail to the manager and <see cref="RecommendationRequested"/> (counted by the caller).</summary>
    internal static async Task<Guid> OpenRequestAsync(
        DbSession db, Outbox outbox, RecommendationsOptions options, NotificationOptions notifications, Guid alumnusId, Guid departureId, string managerEmail, string department,
        DateOnly lastDay, DateTimeOffset now, DateOnly? dueFrom = null)
    {
        var requestId = TimeOrderedId.New(now);
        var dueOn = (dueFrom ?? lastDay).AddDays(options.DueDays);
        await db.Connection.ExecuteAsync(InsertRequestSql, new
        {
            Id = requestId, AlumnusId = alumnusId, DepartureId = departureId, ManagerEmail = managerEmail, Department = department, LastDay = lastDay,
            DueOn = dueOn, Now = now, Status = RecommendationStatus.Requested.ToWire(),
        }, db.Transaction);
        var schedule = options.ReminderOffsetsDays
            .Select(offset => new { RequestId = requestId, Kind = "reminder", DaysFromDue = offset, DueAt = DueAt(dueOn, offset) })
            .Append(new { RequestId = requestId, Kind = "expiry", DaysFromDue = options.ExpireAfterDueDays, DueAt = DueAt(dueOn, options.ExpireAfterDueDays) });
        await db.Connection.ExecuteAsync(ScheduleSql, schedule, db.Transaction);
        await MailOutbox.EnqueueForRequestAsync(db, notifications, MailKind.RequestCreated, RequestCreatedKey(requestId, managerEmail), requestId, alumnusId, managerEmail, now);
        await outbox.EnqueueAsync(db, new RecommendationRequested(TimeOrderedId.New(now), now, requestId, alumnusId, managerEmail, dueOn));
        return requestId;
    }

    /// <summary>A request's first mail to a manager (a request moved to another manager mails them too).</summary>
    internal static string RequestCreatedKey(Guid requestId, string managerEmail) => $"request-created:{requestId}:{managerEmail.ToLowerInvariant()}";

    /// <summary>When a reminder or the expiry falls due: days from the due date, at the start of that day.</summary>
    internal static DateTimeOffset DueAt(DateOnly dueOn, int daysFromDue) => Reporting.StartOf(dueOn).AddDays(daysFromDue);
}
