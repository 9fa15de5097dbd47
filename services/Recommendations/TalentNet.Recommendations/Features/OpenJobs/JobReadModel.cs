using System.Text.Json;
using Dapper;
using MassTransit;
using TalentNet.Contracts.Candidates;
using TalentNet.Messaging;

namespace TalentNet.Recommendations.Features.OpenJobs;

/// <summary>Keeps the local copy of Candidates' jobs that alumni are matched against.</summary>
public sealed class JobOpenedConsumer(ConsumeSession session) : IConsumer<JobOpened>
{
    public async Task Consume(ConsumeContext<JobOpened> context)
    {
        var job = context.Message;
        var db = session.Current;
        await db.Connection.ExecuteAsync(
            db.Dialect.InsertIfAbsent(
                "open_jobs",
                "job_id, title, department, location, skills, hiring_manager_email, opened_at",
                "@JobId, @Title, @Department, @Location, @Skills, @HiringManagerEmail, @OccurredAt",
                "job_id = @JobId"),
            new
            {
                job.JobId,
                job.Title,
                job.Department,
                job.Location,
                Skills = JsonSerializer.Serialize(job.Skills),
                job.HiringManagerEmail,
                job.OccurredAt,
            },
            db.Transaction);
    }
}

public sealed class JobClosedConsumer(ConsumeSession session) : IConsumer<JobClosed>
{
    public async Task Consume(ConsumeContext<JobClosed> context)
    {
        var db = session.Current;
        await db.Connection.ExecuteAsync(
            "UPDATE open_jobs SET closed_at = @OccurredAt WHERE job_id = @JobId AND closed_at IS NULL",
            new { context.Message.JobId, context.Message.OccurredAt },
            db.Transaction);
    }
}
