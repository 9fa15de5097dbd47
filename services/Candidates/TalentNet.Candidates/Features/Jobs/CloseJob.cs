using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Contracts;
using TalentNet.Contracts.Candidates;
using TalentNet.Messaging;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Candidates.Features.Jobs;

/// <summary>POST /api/jobs/{id}/close: closes an open job and publishes <see cref="JobClosed"/>.</summary>
public static class CloseJob
{
    internal const string CloseSql =
        "UPDATE jobs SET status = @Closed, closed_at = @Now, updated_at = @Now, version = version + 1 WHERE id = @Id";

    public static void Map(RouteGroupBuilder jobs) =>
        jobs.MapPost("/{id:guid}/close", Handle)
            .WithName("CloseJob")
            .WithSummary("Close a job")
            .WithDescription("An already closed job answers 422.")
            .RequireRoles(CandidatesApi.Writers)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Ok<JobResponse>, ProblemHttpResult>> Handle(
        Guid id, Database database, Outbox outbox, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        await using var session = await database.BeginAsync(cancellationToken);
        var current = await Job.FindAsync(session.Connection, id, session.Transaction);
        if (current is null)
        {
            return ApiProblems.NotFound("Job", id);
        }

        if (current.Status == JobStatus.Closed)
        {
            return ApiProblems.InvalidTransition("The job is already closed.");
        }

        var now = clock.GetUtcNow();
        await session.Connection.ExecuteAsync(
            CloseSql,
            new { Id = id, Closed = JobStatus.Closed.ToWire(), Now = now },
            session.Transaction);
        await outbox.EnqueueAsync(session, new JobClosed(TimeOrderedId.New(now), now, id));
        var job = (await Job.FindAsync(session.Connection, id, session.Transaction))!;
        await session.CommitAsync(cancellationToken);

        http.Response.Headers.ETag = ETags.For(job.Version);
        return TypedResults.Ok(job);
    }
}
