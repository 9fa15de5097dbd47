using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Candidates.Features.Jobs;

/// <summary>GET /api/jobs/{id}.</summary>
public static class GetJob
{
    public static void Map(RouteGroupBuilder jobs) =>
        jobs.MapGet("/{id:guid}", Handle)
            .WithName("GetJob")
            .WithSummary("Read a job")
            .RequireRoles(CandidatesApi.Readers)
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<JobResponse>, ProblemHttpResult>> Handle(
        Guid id, Database database, HttpContext http, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var job = await Job.FindAsync(connection, id);
        if (job is null)
        {
            return ApiProblems.NotFound("Job", id);
        }

        http.Response.Headers.ETag = ETags.For(job.Version);
        return TypedResults.Ok(job);
    }
}
