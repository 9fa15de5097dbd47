using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Alumni.Features.Alumni;
using TalentNet.Alumni.Features.Boomerangs;
using TalentNet.Alumni.Features.Dashboard;
using TalentNet.Contracts;
using TalentNet.Contracts.Alumni;
using TalentNet.Messaging;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Idempotency;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Alumni.Features.Departures;

/// <summary>
/// PUT /api/departures/{id}: HR or the HRIS corrects a departure (last day, reason, manager, exit
/// interview, contact details). The same alumnus, no second request to the manager; consents, an
/// opt-out and HR's eligibility override stay as they are (they change through their own endpoints).
/// </summary>
public static class CorrectDeparture
{
    internal const string UpdateDepartureSql =
        """
        UPDATE departures SET last_day = @LastDay, reason = @Reason, department = @Department, rehire_eligibility = @Eligibility,
            body_hash = @BodyHash, body = @Body, updated_at = @Now
        WHERE id = @Id
        """;

    internal const string CorrectAlumnusSql =
        """
        UPDATE alumni SET full_name = @FullName, work_email = @WorkEmail, personal_email = @PersonalEmail, department = @Department,
            role = @Role, manager_name = @ManagerName, manager_email = @ManagerEmail, linkedin_url = @LinkedInUrl, started_on = @StartedOn,
            last_day = @LastDay, reason = @Reason, would_return = @WouldReturn, language = @Language,
            rehire_eligibility = CASE WHEN eligibility_note IS NULL THEN @Eligibility ELSE rehire_eligibility END,
            updated_at = @Now, version = version + 1
        WHERE id = @Id
        """;

    internal const string OtherOnDaySql = "SELECT id FROM departures WHERE employee_id = @EmployeeId AND last_day = @LastDay AND id <> @Id";

    /// <summary>What correcting a departure came to.</summary>
    public abstract record Correction
    {
        public sealed record Corrected : Correction;

        public sealed record Unchanged(Departure.Response Departure) : Correction;

        public sealed record Clash(Guid OtherId) : Correction;

        public sealed record Refused(string Reason) : Correction;
    }

    public static void Map(RouteGroupBuilder departures) =>
        departures.MapPut("/{id:guid}", Handle)
            .WithName("CorrectDeparture")
            .WithSummary("Correct a departure (HRIS or HR)")
            .WithDescription("The whole departure as it should be, with the same employeeId. No second alumnus and no second recommendation request; a changed manager moves the open request to the new manager. Consents, an opt-out and an eligibility override are kept. Publishes DepartureCorrected.")
            .RequireRoles(AlumniApi.DepartureWriters)
            .Produces<Departure.Response>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Ok<Departure.Response>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, RecordDeparture.Request request, Database database, Outbox outbox, AlumniOptions options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = RecordDeparture.Validate(request);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        await using var session = await database.BeginAsync(cancellationToken);
        var current = await session.Connection.QuerySingleOrDefaultAsync<Departure.Row>(Departure.FindSql, new { Id = id }, session.Transaction);
        if (current is null)
        {
            return ApiProblems.NotFound("Departure", id);
        }

        var body = RecordDeparture.Normalize(request);
        if (body.EmployeeId != current.EmployeeId)
        {
            return validation.Add("employeeId", $"Must be this departure's own ({current.EmployeeId}); another employee's departure is recorded with POST.").ToProblem();
        }

        switch (await CorrectAsync(session, outbox, options, current, body, clock.GetUtcNow()))
        {
            case Correction.Unchanged unchanged:
                return TypedResults.Ok(unchanged.Departure);
            case Correction.Clash clash:
                return ApiProblems.Conflict("This employee has another departure on that last day.", $"/api/departures/{clash.OtherId}");
            case Correction.Refused refused:
                return ApiProblems.InvalidTransition(refused.Reason);
        }

        var answer = (await session.Connection.QuerySingleAsync<Departure.Row>(Departure.FindSql, new { Id = id }, session.Transaction)).ToResponse();
        await session.CommitAsync(cancellationToken);
        return TypedResults.Ok(answer);
    }

    /// <summary>
    /// Corrects a departure in the caller's session (API and imports) with a validated, normalized body:
    /// the departure row, the alumnus when it is their latest departure, the counts, the timeline and
    /// <see cref="DepartureCorrected"/>.
    /// </summary>
    public static async Task<Correction> CorrectAsync(
        DbSession session, Outbox outbox, AlumniOptions options, Departure.Row current, RecordDeparture.Request body, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(body);
        if (current.RescindedAt is not null)
        {
            return new Correction.Refused("A rescinded departure cannot be corrected; record a new one.");
        }

        var before = current.Recorded();
        var corrected = body with { Consents = before.Consents };
        var changes = Changes(before, corrected);
        if (current.IsSameBody(BodyFingerprint.Of(body)) || changes.Count == 0)
        {
            return new Correction.Unchanged(current.ToResponse());
        }

        if (corrected.LastDay != current.LastDay &&
            await session.Connection.ExecuteScalarAsync<Guid?>(OtherOnDaySql, new { corrected.EmployeeId, corrected.LastDay, current.Id }, session.Transaction) is { } other)
        {
            return new Correction.Clash(other);
        }

        var later = await session.Connection.QueryFirstOrDefaultAsync<Departure.Row>(
            Departure.OthersSql, new { current.AlumnusId, current.Id }, session.Transaction);
        var isLatest = later is null || later.LastDay < current.LastDay;
        var reason = corrected.Reason!.Value.ToWire();
        var eligibility = options.EligibilityFor(corrected.Reason.Value).ToWire();
        await session.Connection.ExecuteAsync(UpdateDepartureSql, new
        {
            current.Id, corrected.LastDay, Reason = reason, corrected.Department, Eligibility = eligibility,
            BodyHash = BodyFingerprint.Of(corrected), Body = System.Text.Json.JsonSerializer.Serialize(corrected, RecordDeparture.Json), Now = now,
        }, session.Transaction);
        if (isLatest)
        {
            await AlumniTallies.TrackAsync(session, current.AlumnusId, () => session.Connection.ExecuteAsync(CorrectAlumnusSql, new
            {
                Id = current.AlumnusId, corrected.FullName, corrected.WorkEmail, corrected.PersonalEmail, corrected.Department, corrected.Role,
                ManagerName = corrected.Manager!.Name, ManagerEmail = corrected.Manager.Email, corrected.LinkedInUrl, corrected.StartedOn,
                corrected.LastDay, Reason = reason, WouldReturn = corrected.ExitInterview?.WouldReturn?.ToWire(), Eligibility = eligibility,
                Language = corrected.Language?.ToWire(), Now = now,
            }, session.Transaction));
        }

        if (isLatest)
        {
            await BoomerangMatching.AlumnusChangedAsync(session, outbox, current.AlumnusId, now);
        }

        await Alumnus.RecordAsync(session, current.AlumnusId, "departure-corrected", $"Departure corrected: {string.Join("; ", changes)}.", now);
        var alumnus = (await Alumnus.FindAsync(session.Connection, current.AlumnusId, session.Transaction))!;
        await outbox.EnqueueAsync(session, new DepartureCorrected(
            TimeOrderedId.New(now), now, current.AlumnusId, current.Id, isLatest, corrected.FullName!, corrected.PersonalEmail, corrected.WorkEmail!,
            corrected.Department!, corrected.Role!, corrected.Manager!.Name!, corrected.Manager.Email!, corrected.Reason.Value,
            isLatest ? alumnus.RehireEligibility : options.EligibilityFor(corrected.Reason.Value), corrected.LastDay!.Value,
            corrected.ExitInterview?.WouldReturn, corrected.Skills ?? [], before.Consents?.RecommendationRequest == true,
            before.LastDay!.Value, before.Department!, before.Manager!.Email!));
        return new Correction.Corrected();
    }

    /// <summary>What changed, for the timeline: fields and dates, never names or addresses.</summary>
    private static List<string> Changes(RecordDeparture.Request before, RecordDeparture.Request after)
    {
        var changes = new List<string>();
        void Compare<T>(string field, T was, T now, bool show = true)
        {
            if (!EqualityComparer<T>.Default.Equals(was, now))
            {
                changes.Add(show ? $"{field} {was?.ToString() ?? "none"} → {now?.ToString() ?? "none"}" : $"{field} changed");
            }
        }

        Compare("last day", before.LastDay?.ToString("yyyy-MM-dd"), after.LastDay?.ToString("yyyy-MM-dd"));
        Compare("reason", before.Reason?.ToWire(), after.Reason?.ToWire());
        Compare("department", before.Department, after.Department);
        Compare("role", before.Role, after.Role);
        Compare("started on", before.StartedOn?.ToString("yyyy-MM-dd"), after.StartedOn?.ToString("yyyy-MM-dd"));
        Compare("manager", before.Manager, after.Manager, show: false);
        Compare("exit interview", before.ExitInterview, after.ExitInterview, show: false);
        Compare("name", before.FullName, after.FullName, show: false);
        Compare("contact details", (before.WorkEmail, before.PersonalEmail, before.LinkedInUrl), (after.WorkEmail, after.PersonalEmail, after.LinkedInUrl), show: false);
        Compare("skills", string.Join(",", before.Skills ?? []), string.Join(",", after.Skills ?? []), show: false);
        return changes;
    }
}
