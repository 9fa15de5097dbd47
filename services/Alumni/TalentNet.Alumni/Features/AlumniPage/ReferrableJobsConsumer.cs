using Dapper;
using MassTransit;
using TalentNet.Contracts.Candidates;
using TalentNet.Messaging;

namespace TalentNet.Alumni.Features.AlumniPage;

/// <summary>
/// The open jobs alumni can refer someone for, as Candidates announces them: only what the alumni
/// page shows (title, department, location). The newest change wins; a close that overtook the
/// opening leaves a closed row, so the late opening does not bring the job back.
/// </summary>
public sealed class ReferrableJobsConsumer(ConsumeSession session) : IConsumer<JobOpened>, IConsumer<JobUpdated>, IConsumer<JobClosed>
{
    internal const string UpdateSql =
        """
        UPDATE referrable_jobs SET title = @Title, department = @Department, location = @Location, changed_at = @ChangedAt
        WHERE job_id = @JobId AND changed_at < @ChangedAt
        """;

    internal const string InsertSql =
        """
        INSERT INTO referrable_jobs (job_id, title, department, location, changed_at, closed_at)
        SELECT @JobId, @Title, @Department, @Location, @ChangedAt, @ClosedAt
        WHERE NOT EXISTS (SELECT 1 FROM referrable_jobs WHERE job_id = @JobId)
        """;

    internal const string CloseSql = "UPDATE referrable_jobs SET closed_at = @ChangedAt WHERE job_id = @JobId AND closed_at IS NULL";

    public Task Consume(ConsumeContext<JobOpened> context) =>
        UpsertAsync(context.Message.JobId, context.Message.Title, context.Message.Department, context.Message.Location, context.Message.OccurredAt);

    public Task Consume(ConsumeContext<JobUpdated> context) =>
        UpsertAsync(context.Message.JobId, context.Message.Title, context.Message.Department, context.Message.Location, context.Message.OccurredAt);

    public async Task Consume(ConsumeContext<JobClosed> context)
    {
        var db = session.Current;
        var parameters = new { context.Message.JobId, Title = "", Department = "", Location = (string?)null, ChangedAt = context.Message.OccurredAt, ClosedAt = (DateTimeOffset?)context.Message.OccurredAt };
        if (await db.Connection.ExecuteAsync(CloseSql, parameters, db.Transaction) == 0)
        {
            await db.Connection.ExecuteAsync(InsertSql, parameters, db.Transaction);
        }
    }

    private async Task UpsertAsync(Guid jobId, string title, string department, string? location, DateTimeOffset changedAt)
    {
        var db = session.Current;
        var parameters = new { JobId = jobId, Title = title, Department = department, Location = location, ChangedAt = changedAt, ClosedAt = (DateTimeOffset?)null };
        if (await db.Connection.ExecuteAsync(UpdateSql, parameters, db.Transaction) == 0)
        {
            await db.Connection.ExecuteAsync(InsertSql, parameters, db.Transaction);
        }
    }
}
