using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TalentNet.Contracts;
using TalentNet.Contracts.Candidates;
using TalentNet.Messaging;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Candidates.Features.Jobs;

/// <summary>PUT /api/jobs/{id}: replaces a job's editable fields; honours If-Match.</summary>
public static class UpdateJob
{
    internal const string UpdateSql =
        """
        UPDATE jobs SET title = @Title, department = @Department, location = @Location, skills = @Skills,
            hiring_manager_email = @ManagerEmail, posting_url = @PostingUrl, pipeline = @Pipeline, updated_at = @Now, version = version + 1
        WHERE id = @Id
        """;

    public static void Map(RouteGroupBuilder jobs) =>
        jobs.MapPut("/{id:guid}", Handle)
            .WithName("UpdateJob")
            .WithSummary("Edit a job")
            .WithDescription("Replaces title, department, location, skills, hiring manager and pipeline. A closed job cannot be edited (422). Publishes JobUpdated. Send If-Match with the ETag you read to avoid overwriting a concurrent edit (412).")
            .RequireRoles(CandidatesApi.Writers)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Ok<JobResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, JobFields request, [FromHeader(Name = "If-Match"), MaxLength(Lengths.ETag)] string? ifMatch,
        Database database, Outbox outbox, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        Job.Validate(request, validation);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        await using var session = await database.BeginAsync(cancellationToken);
        var current = await Job.FindAsync(session.Connection, id, session.Transaction);
        if (ApiProblems.Refuses(current, "Job", id, found => found.Version, ifMatch, out var refusal))
        {
            return refusal;
        }

        if (current.Status == JobStatus.Closed)
        {
            return ApiProblems.InvalidTransition("A closed job cannot be edited.");
        }

        var now = clock.GetUtcNow();
        var skills = Job.NormalizeSkills(request.Skills);
        await session.Connection.ExecuteAsync(
            UpdateSql,
            new
            {
                Id = id,
                Title = request.Title!.Trim(),
                Department = request.Department!.Trim(),
                Location = request.Location?.Trim(),
                Skills = JsonSerializer.Serialize(skills, Job.Json),
                ManagerEmail = Validation.NormalizeEmail(request.HiringManagerEmail!),
                request.PostingUrl,
                Pipeline = JsonSerializer.Serialize(request.Pipeline ?? current.Pipeline, Job.Json),
                Now = now,
            },
            session.Transaction);
        var job = (await Job.FindAsync(session.Connection, id, session.Transaction))!;
        await outbox.EnqueueAsync(session, new JobUpdated(
            TimeOrderedId.New(now), now, id, job.Title, job.Department, job.Location, job.Skills, job.HiringManagerEmail, job.PostingUrl));
        await session.CommitAsync(cancellationToken);

        http.Response.Headers.ETag = ETags.For(job.Version);
        return TypedResults.Ok(job);
    }
}
