using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Recommendations.Features.Requests;

/// <summary>
/// The manager's answers share one shape: validate, find, authorize (only the request's own manager,
/// matched on the token's email, or HR/admin), change, commit, answer.
/// </summary>
internal static class RequestTransition
{
    public static async Task<Results<Ok<RecommendationRequestResponse>, ValidationProblem, ProblemHttpResult>> RunAsync(
        Guid id, Validation validation, Database database, TimeProvider clock, HttpContext http,
        Func<DbSession, RecommendationRequestResponse, DateTimeOffset, Task<string?>> change, CancellationToken cancellationToken)
    {
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var now = clock.GetUtcNow();
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

        if (await change(session, request, now) is { } refusal)
        {
            return ApiProblems.InvalidTransition(refusal);
        }

        var updated = (await RecommendationRequest.FindAsync(session.Connection, id, today, session.Transaction))!;
        await session.CommitAsync(cancellationToken);
        return TypedResults.Ok(updated);
    }
}
