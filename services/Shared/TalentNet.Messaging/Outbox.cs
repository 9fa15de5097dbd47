using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using TalentNet.Contracts;
using TalentNet.Storage;

namespace TalentNet.Messaging;

/// <summary>
/// Where features put the events they raise: a row in the same transaction as their own writes.
/// The relay publishes it after the commit; nothing is published straight from a request.
/// </summary>
public sealed class Outbox(EventTypes eventTypes, OutboxSignal signal, TimeProvider clock)
{
    // Stored rows leave nulls out: the relay reads them back into the same records, whose optional
    // fields all default to null, and an import's events are about 70 bytes each smaller.
    internal static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    internal const string InsertSql =
        """
        INSERT INTO outbox_messages (message_id, message_type, payload, headers, created_at, attempts, next_attempt_at)
        VALUES (@MessageId, @MessageType, @Payload, @Headers, @Now, 0, @Now)
        """;

    public async Task EnqueueAsync<TEvent>(DbSession session, TEvent @event)
        where TEvent : class, IIntegrationEvent
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(@event);
        var now = clock.GetUtcNow();
        await session.WriteAsync(
            InsertSql,
            new
            {
                MessageId = @event.EventId,
                // The runtime type: a caller holding the event as its interface still sends the concrete message.
                MessageType = eventTypes.UrnOf(@event.GetType()),
                Payload = JsonSerializer.Serialize(@event, @event.GetType(), PayloadJson),
                Headers = TraceHeaders(),
                Now = now,
            });
        session.AfterCommit(signal.Notify);
    }

    /// <summary>The W3C trace context of the request that raised the event, so its consumer joins the trace.</summary>
    private static string? TraceHeaders()
    {
        var activity = Activity.Current;
        if (activity is null)
        {
            return null;
        }

        var headers = new Dictionary<string, string> { ["traceparent"] = activity.Id! };
        if (!string.IsNullOrEmpty(activity.TraceStateString))
        {
            headers["tracestate"] = activity.TraceStateString;
        }

        return JsonSerializer.Serialize(headers, PayloadJson);
    }
}

/// <summary>Wakes the relay as soon as a transaction with outgoing events commits.</summary>
public sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try
        {
            if (_signal.CurrentCount == 0)
            {
                _signal.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up covers every commit before it.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _signal.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _signal.Dispose();
}
