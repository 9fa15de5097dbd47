using Dapper;
using MassTransit;
using TalentNet.Messaging;

namespace TalentNet.Bench.Backbone;

public sealed class RawPingedConsumer(RawLatencies latencies) : IConsumer<RawPinged>
{
    public Task Consume(ConsumeContext<RawPinged> context)
    {
        latencies.Value.Record(context.Message.OccurredAt);
        return Task.CompletedTask;
    }
}

/// <summary>Writes the effect in the inbox transaction and times it once that transaction has committed.</summary>
public sealed class RowRecordedConsumer(ConsumeSession session, BackboneLatencies latencies) : IConsumer<RowRecorded>
{
    internal const string InsertSql = "INSERT INTO bench_effects (event_id, sequence, consumed_at) VALUES (@EventId, @Sequence, @Now)";

    public async Task Consume(ConsumeContext<RowRecorded> context)
    {
        var db = session.Current;
        var message = context.Message;
        await db.Connection.ExecuteAsync(InsertSql, new { message.EventId, message.Sequence, Now = DateTimeOffset.UtcNow }, db.Transaction);
        db.AfterCommit(() => latencies.Value.Record(message.OccurredAt));
    }
}

public sealed record RawLatencies(Latencies Value);

public sealed record BackboneLatencies(Latencies Value);
