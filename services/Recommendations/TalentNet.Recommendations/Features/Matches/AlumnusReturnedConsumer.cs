using Dapper;
using MassTransit;
using TalentNet.Contracts;
using TalentNet.Contracts.Alumni;
using TalentNet.Messaging;

namespace TalentNet.Recommendations.Features.Matches;

/// <summary>An alumnus hired again is no longer matched to jobs.</summary>
public sealed class AlumnusReturnedConsumer(ConsumeSession session, TimeProvider clock) : IConsumer<AlumnusReturned>
{
    internal const string ReturnedSql = "UPDATE alumni_read SET status = @Returned, updated_at = @Now WHERE alumnus_id = @AlumnusId";

    public Task Consume(ConsumeContext<AlumnusReturned> context)
    {
        var db = session.Current;
        return db.Connection.ExecuteAsync(ReturnedSql, new { context.Message.AlumnusId, Now = clock.GetUtcNow(), Returned = AlumnusStatus.Returned.ToWire() }, db.Transaction);
    }
}
