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

        await using var session = await database.BeginAsync(cancellationToken);
        var job = await OpenAsync(session, outbox, request, clock.GetUtcNow());
        await session.CommitAsync(cancellationToken);

        http.Response.Headers.ETag = ETags.For(job.Version);
        return TypedResults.Created($"/api/jobs/{job.Id}", job);
    }

    /// <summary>Stores a validated job as open and raises <see cref="JobOpened"/>.</summary>
    public static async Task<JobResponse> OpenAsync(DbSession session, Outbox outbox, JobFields fields, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(fields);
        var id = TimeOrderedId.New(now);
        var skills = Job.NormalizeSkills(fields.Skills);
        var managerEmail = Validation.NormalizeEmail(fields.HiringManagerEmail!);
        var (title, department, location) = (fields.Title!.Trim(), fields.Department!.Trim(), fields.Location?.Trim());
        await session.Connection.ExecuteAsync(
            InsertSql,
            new
            {
                Id = id,
                Title = title,
                Department = department,
                Location = location,
                Skills = JsonSerializer.Serialize(skills, Job.Json),
                ManagerEmail = managerEmail,
                fields.PostingUrl,
                Status = JobStatus.Open.ToWire(),
                Pipeline = JsonSerializer.Serialize(fields.Pipeline ?? Job.DefaultPipeline, Job.Json),
                Now = now,
            },
            session.Transaction);
        await outbox.EnqueueAsync(session, new JobOpened(
            TimeOrderedId.New(now), now, id, title, department, location, skills, managerEmail, fields.PostingUrl));
        return (await Job.FindAsync(session.Connection, id, session.Transaction))!;
    }
}
