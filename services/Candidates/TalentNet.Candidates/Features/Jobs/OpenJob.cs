using System.Text.Json;
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

/// <summary>POST /api/jobs: opens a job and announces it with <see cref="JobOpened"/>.</summary>
public static class OpenJob
{
    internal const string InsertSql =
        """
        INSERT INTO jobs (id, title, department, location, skills, hiring_manager_email, posting_url, status, pipeline, created_at, updated_at, version)
        VALUES (@Id, @Title, @Department, @Location, @Skills, @ManagerEmail, @PostingUrl, @Status, @Pipeline, @Now, @Now, 1)
        """;

    public static void Map(RouteGroupBuilder jobs) =>
        jobs.MapPost("/", Handle)
            .WithName("OpenJob")
            .WithSummary("Open a job")
            .WithDescription("Creates an open job with its pipeline (the default one unless a stage list is given) and publishes JobOpened.")
            .RequireRoles(CandidatesApi.Writers)
            .ProducesValidationProblem();

    public static async Task<Results<Created<JobResponse>, ValidationProblem>> Handle(
        JobFields request, Database database, Outbox outbox, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        Job.Validate(request, validation);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var skills = Job.NormalizeSkills(request.Skills);
        var pipeline = request.Pipeline ?? Job.DefaultPipeline;
        var managerEmail = Validation.NormalizeEmail(request.HiringManagerEmail!);

        await using var session = await database.BeginAsync(cancellationToken);
        await session.Connection.ExecuteAsync(
            InsertSql,
            new
            {
                Id = id,
                Title = request.Title!.Trim(),
                Department = request.Department!.Trim(),
                Location = request.Location?.Trim(),
                Skills = JsonSerializer.Serialize(skills, Job.Json),
                ManagerEmail = managerEmail,
                request.PostingUrl,
                Status = JobStatus.Open.ToWire(),
                Pipeline = JsonSerializer.Serialize(pipeline, Job.Json),
                Now = now,
            },
            session.Transaction);
        await outbox.EnqueueAsync(session, new JobOpened(
            Guid.CreateVersion7(now), now, id, request.Title.Trim(), request.Department.Trim(), request.Location?.Trim(), skills, managerEmail, request.PostingUrl));
        var job = (await Job.FindAsync(session.Connection, id, session.Transaction))!;
        await session.CommitAsync(cancellationToken);

        http.Response.Headers.ETag = ETags.For(job.Version);
        return TypedResults.Created($"/api/jobs/{id}", job);
    }
}
