using Dapper;
using MassTransit;
using TalentNet.Contracts.Privacy;
using TalentNet.Messaging;
using TalentNet.Storage;

namespace TalentNet.Alumni.Features.Privacy;

/// <summary>
/// A service reported its part of an erasure. With the last report the request is completed, and the
/// request event's published copy (it named the person) is dropped here too, if the erasure did not already.
/// </summary>
public sealed class ErasureReportConsumer(ConsumeSession session, Database database, TimeProvider clock) : IConsumer<PersonalDataErased>
{
    internal const string InsertSql =
        """
        INSERT INTO erasure_reports (request_id, service, records, erased_at)
        SELECT @RequestId, @Service, @Records, @ErasedAt
        WHERE EXISTS (SELECT 1 FROM erasure_requests WHERE id = @RequestId)
          AND NOT EXISTS (SELECT 1 FROM erasure_reports WHERE request_id = @RequestId AND service = @Service)
        """;

    internal const string CompleteSql =
        """
        UPDATE erasure_requests SET completed_at = @Now
        WHERE id = @RequestId AND completed_at IS NULL AND (SELECT COUNT(*) FROM erasure_reports WHERE request_id = @RequestId AND service IN @Services) = @Expected
        """;

    public async Task Consume(ConsumeContext<PersonalDataErased> context)
    {
        var db = session.Current;
        var report = context.Message;
        await db.Connection.ExecuteAsync(InsertSql, new { report.RequestId, report.Service, Records = report.RecordsErased, ErasedAt = report.OccurredAt }, db.Transaction);
        var completed = await db.Connection.ExecuteAsync(
            CompleteSql, new { report.RequestId, Now = clock.GetUtcNow(), ErasureRequest.Services, Expected = ErasureRequest.Services.Count }, db.Transaction);
        if (completed > 0)
        {
            await PersonalDataErasure.DropStoredEventsAsync(db, [report.RequestId.ToString()]);
            db.AfterCommit(database.TruncateWriteAheadLogInBackground);
        }
    }
}
