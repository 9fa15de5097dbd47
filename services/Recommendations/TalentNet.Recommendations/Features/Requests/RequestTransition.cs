using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Recommendations.Features.Dashboard;
using Dapper;
using TalentNet.Contracts;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Recommendations.Features.Requests;

/// <summary>
/// The manager's answers share one shape: validate, find, authorize (only the request's own manager,
/// matched on the token's email, or HR/admin), change, count, commit, answer. An answer recorded as
/// history carries its own time (<see cref="History"/>), on or after the leaver's last day.
/// </summary>
internal static class RequestTransition
{
    internal const string ActorSql = "UPDATE recommendation_requests SET acted_by = @Actor WHERE id = @Id";

    /// <summary>What giving or publishing needs: the leaver's consent at that moment.</summary>
    public enum Consent
    {
        NotNeeded,
        Needed,
    }

    /// <summary>Who acted, as HR sees it: the role they acted in and their address (or subject), never a name; and whether it was for the manager.</summary>
    public static (string ActedBy, bool OnManagersBehalf) Actor(HttpContext http)
    {
        var manager = RecommendationsApi.IsOnlyManager(http);
        var role = manager ? Roles.Manager : http.User.IsInRole(Roles.Hr) ? Roles.Hr : Roles.Admin;
        var who = http.Email() ?? http.User.FindFirst(TalentNetClaims.Subject)?.Value ?? "unknown";
        return (Lengths.Fit($"{role} {who}", Lengths.Actor), !manager);
    }

    public static Task RecordActorAsync(DbSession session, Guid id, HttpContext http) =>
        session.Connection.ExecuteAsync(ActorSql, new { Id = id, Actor = Actor(http).ActedBy }, session.Transaction);

    public static async Task<Results<Ok<RecommendationRequestResponse>, ValidationProblem, ProblemHttpResult>> RunAsync(
        Guid id, Validation validation, (string Field, DateTimeOffset? At) history, Consent consent, Database database, TimeProvider clock, HttpContext http,
        Func<DbSession, RecommendationRequestResponse, DateTimeOffset, Task<string?>> change, CancellationToken cancellationToken)
    {
        if (History.RefuseUnlessRecorder(http.User, history.Field, history.At) is { } forbidden)
        {
            return forbidden;
        }

        var now = clock.GetUtcNow();
        if (!validation.PastTime(history.Field, history.At, now).IsValid)
        {
            return validation.ToProblem();
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        await using var session = await database.BeginAsync(cancellationToken);
        var request = await RecommendationRequest.FindAsync(session.Connection, id, today, session.Transaction);
        if (request is null)
        {
            return ApiProblems.NotFound("Recommendation request", id);
        }

        if (!RecommendationsApi.MayActOn(http, request))
        {
            return ApiProblems.Forbidden("Only the request's own manager, HR or an admin may act on it.");
        }

        // Only where the change could be made: a request no longer open or given is refused as such (422) below.
        if (consent == Consent.Needed && request.Status is RecommendationStatus.Requested or RecommendationStatus.Given
            && !await RecommendationRequest.LeaverConsentsAsync(session, request.AlumnusId))
        {
            return ApiProblems.Conflict("The leaver has withdrawn their consent to a recommendation (or opted out): nothing can be given or published for them now.");
        }

        if (history.At < Reporting.StartOf(request.LastDay))
        {
            return validation.Add(history.Field, $"Must not be before the leaver's last day ({request.LastDay:yyyy-MM-dd}).").ToProblem();
        }

        if (await change(session, request, history.At ?? now) is { } refusal)
        {
            return ApiProblems.InvalidTransition(refusal);
        }

        await RecordActorAsync(session, id, http);
        var updated = (await RecommendationRequest.FindAsync(session.Connection, id, today, session.Transaction))!;
        await RequestTallies.ChangedAsync(session, request, updated);
        await session.CommitAsync(cancellationToken);
        return TypedResults.Ok(updated);
    }
}
