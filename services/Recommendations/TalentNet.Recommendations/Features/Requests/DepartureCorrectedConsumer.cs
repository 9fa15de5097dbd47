using System.Text.Json;
using Dapper;
using MassTransit;
using TalentNet.Contracts;
using TalentNet.Contracts.Alumni;
using TalentNet.Messaging;
using TalentNet.Recommendations.Features.Dashboard;
using TalentNet.Recommendations.Features.Matches;
using TalentNet.Recommendations.Features.Notifications;

namespace TalentNet.Recommendations.Features.Requests;

/// <summary>
/// A corrected departure: the read model follows when it is the alumnus's latest, and the open request
/// follows it (a new manager, a new last day and so a new due date and reminders). A correction that
/// makes a request wanted opens one; a request already answered keeps its manager and dates.
/// </summary>
public sealed class DepartureCorrectedConsumer(
    ConsumeSession session, Outbox outbox, RecommendationsOptions options, NotificationOptions notifications, TimeProvider clock) : IConsumer<DepartureCorrected>
{
    internal const string UpdateAlumnusSql =
        """
        UPDATE alumni_read SET full_name = @FullName, personal_email = @PersonalEmail, work_email = @WorkEmail, department = @Department,
            role = @Role, manager_email = @ManagerEmail, reason = @Reason, rehire_eligibility = @RehireEligibility, would_return = @WouldReturn,
            skills = @Skills, last_day = @LastDay, manager_name = @ManagerName,
            skill_terms = @SkillTerms, role_terms = @RoleTerms, last_month = @LastMonth, updated_at = @Now
        WHERE alumnus_id = @AlumnusId
        """;

    internal const string RequestSql = "SELECT id AS Id, status AS Status FROM recommendation_requests WHERE departure_id = @DepartureId";

    internal const string MoveRequestSql =
        """
        UPDATE recommendation_requests SET manager_email = @ManagerEmail, department = @Department, last_day = @LastDay, due_on = @DueOn,
            updated_at = @Now, version = version + 1
        WHERE id = @Id
        """;

    internal const string PendingSql = "SELECT id AS Id, days_from_due AS DaysFromDue FROM recommendation_schedule WHERE request_id = @RequestId AND processed_at IS NULL";

    internal const string RescheduleSql = "UPDATE recommendation_schedule SET due_at = @DueAt WHERE id = @Id";

    private sealed class Request
    {
        public Guid Id { get; init; }
        public string Status { get; init; } = "";
    }

    private sealed class Pending
    {
        public long Id { get; init; }
        public int DaysFromDue { get; init; }
    }

    public async Task Consume(ConsumeContext<DepartureCorrected> context)
    {
        var db = session.Current;
        var corrected = context.Message;
        var now = clock.GetUtcNow();
        var manager = corrected.ManagerEmail.ToLowerInvariant();
        if (corrected.IsLatest)
        {
            await db.Connection.ExecuteAsync(UpdateAlumnusSql, new
            {
                corrected.AlumnusId, corrected.FullName, corrected.PersonalEmail, corrected.WorkEmail, corrected.Department, corrected.Role,
                ManagerEmail = manager, Reason = corrected.Reason.ToWire(), RehireEligibility = corrected.RehireEligibility.ToWire(),
                WouldReturn = corrected.WouldReturn?.ToWire(), Skills = JsonSerializer.Serialize(corrected.Skills), corrected.LastDay, Now = now,
                corrected.ManagerName,
                SkillTerms = MatchTerms.Skills(corrected.Skills), RoleTerms = MatchTerms.Role(corrected.Role), LastMonth = MatchTerms.Month(corrected.LastDay),
            }, db.Transaction);
        }

        if (!corrected.ConsentedToRequest)
        {
            return;
        }

        await RequestTallies.ConsentMovedAsync(db,
            (corrected.PreviousLastDay, corrected.PreviousDepartment, corrected.PreviousManagerEmail.ToLowerInvariant()), (corrected.LastDay, corrected.Department, manager));
        var request = await db.Connection.QuerySingleOrDefaultAsync<Request>(RequestSql, new { corrected.DepartureId }, db.Transaction);
        var dueOn = corrected.LastDay.AddDays(options.DueDays);
        if (request is null)
        {
            if (!options.SkipsRequestFor(corrected.RehireEligibility))
            {
                await RequestTallies.OpenedAsync(db, corrected.LastDay, corrected.Department, dueOn);
                await EmployeeDepartedConsumer.OpenRequestAsync(
                    db, outbox, options, notifications, corrected.AlumnusId, corrected.DepartureId, manager, corrected.Department, corrected.LastDay, now);
            }

            return;
        }

        if (request.Status != RecommendationStatus.Requested.ToWire())
        {
            return;
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var before = (await RecommendationRequest.FindAsync(db.Connection, request.Id, today, db.Transaction))!;
        await db.Connection.ExecuteAsync(MoveRequestSql, new { request.Id, ManagerEmail = manager, corrected.Department, corrected.LastDay, DueOn = dueOn, Now = now }, db.Transaction);
        var pending = await db.Connection.QueryAsync<Pending>(PendingSql, new { RequestId = request.Id }, db.Transaction);
        await db.Connection.ExecuteAsync(RescheduleSql,
            pending.Select(entry => new { entry.Id, DueAt = EmployeeDepartedConsumer.DueAt(dueOn, entry.DaysFromDue) }), db.Transaction);
        var after = (await RecommendationRequest.FindAsync(db.Connection, request.Id, today, db.Transaction))!;
        await RequestTallies.ChangedAsync(db, before, after);
        await MailOutbox.EnqueueForRequestAsync(db, notifications, MailKind.RequestCreated, EmployeeDepartedConsumer.RequestCreatedKey(request.Id, manager),
            request.Id, corrected.AlumnusId, manager, now);
    }
}
