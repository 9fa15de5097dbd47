using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Candidates.Features.Candidates;

/// <summary>GET /api/candidates/{id}.</summary>
public static class GetCandidate
{
    public static void Map(RouteGroupBuilder candidates) =>
        candidates.MapGet("/{id:guid}", Handle)
            .WithName("GetCandidate")
            .WithSummary("Read a candidate, with the former-employee flag learnt from Alumni")
            .RequireRoles(CandidatesApi.Readers)
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<CandidateResponse>, ProblemHttpResult>> Handle(
        Guid id, Database database, HttpContext http, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var candidate = await Candidate.FindAsync(connection, id);
        if (candidate is null)
        {
            return ApiProblems.NotFound("Candidate", id);
        }

        http.Response.Headers.ETag = ETags.For(candidate.Version);
        return TypedResults.Ok(candidate);
    }
}
