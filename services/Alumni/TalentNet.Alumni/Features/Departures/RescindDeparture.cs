using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Alumni.Features.Alumni;
using TalentNet.Alumni.Features.Dashboard;
using TalentNet.Contracts;
using TalentNet.Contracts.Alumni;
using TalentNet.Messaging;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Alumni.Features.Departures;

/// <summary>
/// POST /api/departures/{id}/rescind: the resignation was withdrawn. The departure stops counting;
/// the alumnus goes back to what the departure before said (or is marked rescinded when there was
/// none), and Recommendations cancels the open request.
/// </summary>
public static class RescindDeparture
{
    internal const string RescindSql = "UPDATE departures SET rescinded_at = @Now, updated_at = @Now WHERE id = @Id AND rescinded_at IS NULL";

    internal const string WithdrawSql = "UPDATE alumni SET status = @Status, updated_at = @Now, version = version + 1 WHERE id = @Id";

    internal const string RestoreSql =
        """
        UPDATE alumni SET department = @Department, role = @Role, manager_name = @ManagerName, manager_email = @ManagerEmail,
            started_on = @StartedOn, last_day = @LastDay, reason = @Reason, would_return = @WouldReturn, status = @Status,
            rehire_eligibility = CASE WHEN eligibility_note IS NULL THEN @Eligibility ELSE rehire_eligibility END,
            updated_at = @Now, version = version + 1
        WHERE id = @Id
        """;

    public static void Map(RouteGroupBuilder departures) =>
        departures.MapPost("/{id:guid}/rescind", Handle)
            .WithName("RescindDeparture")
            .WithSummary("Withdraw a departure (a rescinded resignation)")
            .WithDescription("Only an alumnus's latest departure, and not once they came back after it. Again on a rescinded departure returns it unchanged. Publishes DepartureRescinded.")
            .RequireRoles(AlumniApi.DepartureWriters)
            .Produces<Departure.Response>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Ok<Departure.Response>, ProblemHttpResult>> Handle(
        Guid id, Database database, Outbox outbox, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var session = await database.BeginAsync(cancellationToken);
        var departure = await session.Connection.QuerySingleOrDefaultAsync<Departure.Row>(Departure.FindSql, new { Id = id }, session.Transaction);
        if (departure is null)
        {
            return ApiProblems.NotFound("Departure", id);
        }

        if (departure.RescindedAt is not null)
        {
            return TypedResults.Ok(departure.ToResponse());
        }

        var others = (await session.Connection.QueryAsync<Departure.Row>(Departure.OthersSql, new { departure.AlumnusId, departure.Id }, session.Transaction)).ToList();
        if (others.FirstOrDefault() is { } later && later.LastDay > departure.LastDay)
        {
            return ApiProblems.InvalidTransition($"Only the latest departure can be rescinded; this employee left again on {later.LastDay:yyyy-MM-dd}.");
        }

        var alumnus = (await Alumnus.FindAsync(session.Connection, departure.AlumnusId, session.Transaction))!;
        if (alumnus.Return is { } back && back.ReturnedOn >= departure.LastDay)
        {
            return ApiProblems.InvalidTransition($"The alumnus came back on {back.ReturnedOn:yyyy-MM-dd}, after this departure: it happened.");
        }

        var now = clock.GetUtcNow();
        await session.Connection.ExecuteAsync(RescindSql, new { departure.Id, Now = now }, session.Transaction);
        var status = await WithdrawAsync(session, alumnus, others.FirstOrDefault(), now);
        await Alumnus.RecordAsync(session, alumnus.Id, "departure-rescinded", $"The departure on {departure.LastDay:yyyy-MM-dd} was withdrawn.", now);
        var recorded = departure.Recorded();
        await outbox.EnqueueAsync(session, new DepartureRescinded(
            TimeOrderedId.New(now), now, alumnus.Id, departure.Id, departure.LastDay, departure.Department, recorded.Manager!.Email!,
            recorded.Consents?.RecommendationRequest == true, status));
        var answer = (await session.Connection.QuerySingleAsync<Departure.Row>(Departure.FindSql, new { Id = id }, session.Transaction)).ToResponse();
        await session.CommitAsync(cancellationToken);
        return TypedResults.Ok(answer);
    }

    /// <summary>
    /// The alumnus after the withdrawal: rescinded when this was their only departure; otherwise back to
    /// the one before, returned if they came back in between (that departure keeps the count it had).
    /// </summary>
    private static async Task<AlumnusStatus> WithdrawAsync(DbSession session, AlumnusResponse alumnus, Departure.Row? earlier, DateTimeOffset now)
    {
        if (earlier is null)
        {
            await AlumniTallies.TrackAsync(session, alumnus.Id, () => session.Connection.ExecuteAsync(
                WithdrawSql, new { alumnus.Id, Status = AlumnusStatus.Rescinded.ToWire(), Now = now }, session.Transaction));
            return AlumnusStatus.Rescinded;
        }

        var cameBack = alumnus.Return is not null;
        var status = cameBack ? AlumnusStatus.Returned : AlumnusStatus.Alumnus;
        var body = earlier.Recorded();
        Task Restore() => session.Connection.ExecuteAsync(RestoreSql, new
        {
            alumnus.Id, body.Department, body.Role, ManagerName = body.Manager!.Name, ManagerEmail = body.Manager.Email, body.StartedOn, body.LastDay,
            earlier.Reason, WouldReturn = body.ExitInterview?.WouldReturn?.ToWire(), Status = status.ToWire(), Eligibility = earlier.RehireEligibility, Now = now,
        }, session.Transaction);
        if (cameBack)
        {
            await AlumniTallies.WithdrawAsync(session, alumnus.Id);
            await Restore();
        }
        else
        {
            await AlumniTallies.TrackAsync(session, alumnus.Id, Restore);
        }

        return status;
    }
}
