using Dapper;
using MassTransit;
using TalentNet.Contracts.Candidates;
using TalentNet.Messaging;

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
            hiring_manager_email = @HiringManagerEmail, changed_at = @ChangedAt
        WHERE job_id = @JobId AND (changed_at IS NULL OR changed_at < @ChangedAt)
        """;

    public async Task Consume(ConsumeContext<JobUpdated> context)
    {
        var job = context.Message;
        var db = session.Current;
        var parameters = OpenJobRow.Parameters(job.JobId, job.Title, job.Department, job.Location, job.Skills, job.HiringManagerEmail, job.OccurredAt, edited: true);
        if (await db.Connection.ExecuteAsync(UpdateSql, parameters, db.Transaction) == 0)
        {
            // Either a newer edit is there already (the insert then does nothing) or the opening is still on its way.
            await db.Connection.ExecuteAsync(OpenJobRow.InsertSql(db.Dialect), parameters, db.Transaction);
        }
    }
}
