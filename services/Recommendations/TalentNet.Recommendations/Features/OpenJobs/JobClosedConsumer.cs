using Dapper;
using MassTransit;
using TalentNet.Contracts.Candidates;
using TalentNet.Messaging;

namespace TalentNet.Recommendations.Features.OpenJobs;

/// <summary>A closed job leaves the jobs alumni are matched against.</summary>
public sealed class JobClosedConsumer(ConsumeSession session) : IConsumer<JobClosed>
{
    internal const string CloseSql = "UPDATE open_jobs SET closed_at = @OccurredAt WHERE job_id = @JobId AND closed_at IS NULL";

    public async Task Consume(ConsumeContext<JobClosed> context)
    {
        var db = session.Current;
        await db.Connection.ExecuteAsync(
            CloseSql,
            new { context.Message.JobId, context.Message.OccurredAt },
            db.Transaction);
    }
}
