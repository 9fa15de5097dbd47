using TalentNet.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Recommendations.Features.Requests;

/// <summary>GET /api/recommendation-requests/{id}: one request; a manager reads only their own.</summary>
public static class GetRequest
{
    public static void Map(RouteGroupBuilder requests) =>
        requests.MapGet("/{id:guid}", Handle)
            .WithName("GetRecommendationRequest")
            .WithSummary("Read a recommendation request")
            .ReadsSensitiveData(_ => true)
            .RequireRoles(RecommendationsApi.RequestReaders)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<RecommendationRequestResponse>, ProblemHttpResult>> Handle(
        Guid id, Database database, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var request = await RecommendationRequest.FindAsync(connection, id, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        if (request is null)
        {
            return ApiProblems.NotFound("Recommendation request", id);
        }

        if (!RecommendationsApi.MayActOn(http, request))
        {
            return ApiProblems.Forbidden("The request is addressed to another manager.");
        }

        http.Response.Headers.ETag = ETags.For(request.Version);
        return TypedResults.Ok(request);
    }
}
