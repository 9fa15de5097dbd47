using System.Collections.Concurrent;
using System.Diagnostics;
using Dapper;
using MassTransit;
using TalentNet.Messaging;

namespace TalentNet.Backbone.Node;

/// <summary>What a node's consumer does besides its effect: count attempts, hang on one message.</summary>
public sealed class NodeBehaviour
{
    public int? HangOn { get; init; }

    public string? HangMarker { get; init; }

    public ConcurrentDictionary<int, int> Attempts { get; } = new();

    public ConcurrentBag<ActivityTraceId> ConsumeTraces { get; } = [];
}

/// <summary>Writes one effects row per message, inside the inbox transaction.</summary>
public sealed class EffectConsumer(ConsumeSession session, NodeBehaviour behaviour) : IConsumer<ProbeRecorded>
{
    internal const string InsertSql = "INSERT INTO effects (event_id, number, consumed_at) VALUES (@EventId, @Number, @Now)";

    public async Task Consume(ConsumeContext<ProbeRecorded> context)
    {
        var message = context.Message;
        behaviour.Attempts.AddOrUpdate(message.Number, 1, (_, count) => count + 1);
        if (Activity.Current is { } activity)
        {
            behaviour.ConsumeTraces.Add(activity.TraceId);
        }

        if (message.Number < 0)
        {
            throw new InvalidDataException($"Probe {message.Number} is poison.");
        }

        var db = session.Current;
        await db.Connection.ExecuteAsync(InsertSql, new { message.EventId, message.Number, Now = DateTimeOffset.UtcNow }, db.Transaction);
        if (behaviour.HangOn == message.Number)
        {
            // The effect is written but not committed; the process is about to be killed.
            await File.WriteAllTextAsync(behaviour.HangMarker!, "hanging");
            await Task.Delay(Timeout.Infinite);
        }
    }
}
