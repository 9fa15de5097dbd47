using System.Text.Json;
using Dapper;
using MassTransit;
using TalentNet.Contracts.Candidates;
using TalentNet.Messaging;
using TalentNet.Storage;

namespace TalentNet.Recommendations.Features.OpenJobs;

/// <summary>Keeps the local copy of Candidates' jobs that alumni are matched against: a new job.</summary>
public sealed class JobOpenedConsumer(ConsumeSession session) : IConsumer<JobOpened>
{
    // An edit that overtook the opening has already written the newer job; it stays.
    internal static string InsertSql(SqlDialect dialect) =>
        dialect.InsertIfAbsent(
            "open_jobs",
            "job_id, title, department, location, skills, hiring_manager_email, opened_at",
            "@JobId, @Title, @Department, @Location, @Skills, @HiringManagerEmail, @OccurredAt",
            "job_id = @JobId");

    public async Task Consume(ConsumeContext<JobOpened> context)
    {
        var job = context.Message;
        var db = session.Current;
        await db.Connection.ExecuteAsync(
            InsertSql(db.Dialect),
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
