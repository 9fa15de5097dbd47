using Dapper;
using MassTransit;
using TalentNet.Contracts.Candidates;
using TalentNet.Messaging;

namespace TalentNet.Recommendations.Features.OpenJobs;

/// <summary>Keeps the local copy of Candidates' jobs that alumni are matched against: a new job.</summary>
public sealed class JobOpenedConsumer(ConsumeSession session) : IConsumer<JobOpened>
{
    public async Task Consume(ConsumeContext<JobOpened> context)
    {
        var job = context.Message;
        var db = session.Current;
        // An edit that overtook the opening has already written the newer job; it stays.
        await db.Connection.ExecuteAsync(
            OpenJobRow.InsertSql(db.Dialect),
            OpenJobRow.Parameters(job.JobId, job.Title, job.Department, job.Location, job.Skills, job.HiringManagerEmail, job.OccurredAt, edited: false),
            db.Transaction);
    }
}
