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
            .WithDescription("A duplicate merged into another candidate answers 308 with the survivor's location.")
            .RequireRoles(CandidatesApi.Readers)
            .Produces(StatusCodes.Status308PermanentRedirect)
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<CandidateResponse>, RedirectHttpResult, ProblemHttpResult>> Handle(
        Guid id, Database database, HttpContext http, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var candidate = await Candidate.FindAsync(connection, id);
        if (candidate is null)
        {
            return await MergeCandidates.SurvivorOfAsync(connection, id) is { } survivor
                ? TypedResults.Redirect($"/api/candidates/{survivor}", permanent: true, preserveMethod: true)
                : ApiProblems.NotFound("Candidate", id);
        }

        http.Response.Headers.ETag = ETags.For(candidate.Version);
        return TypedResults.Ok(candidate);
    }
}
