using System.Text.Json;
using Dapper;
using MassTransit;
using TalentNet.Contracts.Candidates;
using TalentNet.Messaging;
using TalentNet.Storage;

namespace TalentNet.Recommendations.Features.OpenJobs;

/// <summary>
/// An edited job: the title, department, location, skills and hiring manager that alumni are
/// matched against (matches are ranked on read, so they follow at once). Edits apply newest-wins.
/// </summary>
public sealed class JobUpdatedConsumer(ConsumeSession session) : IConsumer<JobUpdated>
{
    internal const string UpdateSql =
        """
        UPDATE open_jobs SET title = @Title, department = @Department, location = @Location, skills = @Skills,
            hiring_manager_email = @HiringManagerEmail, changed_at = @OccurredAt
        WHERE job_id = @JobId AND (changed_at IS NULL OR changed_at < @OccurredAt)
        """;

    internal static string InsertSql(SqlDialect dialect) =>
        dialect.InsertIfAbsent(
            "open_jobs",
            "job_id, title, department, location, skills, hiring_manager_email, opened_at, changed_at",
            "@JobId, @Title, @Department, @Location, @Skills, @HiringManagerEmail, @OccurredAt, @OccurredAt",
            "job_id = @JobId");

    public async Task Consume(ConsumeContext<JobUpdated> context)
    {
        var job = context.Message;
        var db = session.Current;
        var parameters = new
        {
            job.JobId,
            job.Title,
            job.Department,
            job.Location,
            Skills = JsonSerializer.Serialize(job.Skills),
            job.HiringManagerEmail,
            job.OccurredAt,
        };
        if (await db.Connection.ExecuteAsync(UpdateSql, parameters, db.Transaction) == 0)
        {
            // Either a newer edit is there already (the insert then does nothing) or the opening is still on its way.
            await db.Connection.ExecuteAsync(InsertSql(db.Dialect), parameters, db.Transaction);
        }
    }
}
