using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using MassTransit;
using TalentNet.Contracts;
using TalentNet.Messaging;
using TalentNet.Storage;

namespace TalentNet.Integrations.Features.OutboundWebhooks;

/// <summary>Signals the webhook sender that deliveries were stored.</summary>
public sealed class WebhookSignal : Wake;

/// <summary>
/// Every TalentNet event becomes one delivery per subscription that wants its type, stored in the
/// inbox transaction (a disabled subscription's wait until it is enabled again). Nothing here waits
/// for a receiver: the sender works the deliveries off.
/// </summary>
public sealed class FanOutConsumer<TEvent>(ConsumeSession session, EventTypes eventTypes, WebhookSignal signal, TimeProvider clock) : IConsumer<TEvent>
    where TEvent : class, IIntegrationEvent
{
    internal const string SubscribedSql = "SELECT id AS Id, event_types AS EventTypes FROM webhook_subscriptions";

    internal const string InsertSql =
        """
        INSERT INTO webhook_outbound_deliveries (id, subscription_id, event_type, event_id, payload, status, attempts, next_attempt_at, created_at)
        VALUES (@Id, @SubscriptionId, @EventType, @EventId, @Payload, @Status, 0, @Now, @Now)
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task Consume(ConsumeContext<TEvent> context)
    {
        var db = session.Current;
        var type = EventTypes.WebhookType(eventTypes.UrnOf<TEvent>());
        var wanting = (await db.Connection.QueryAsync<(Guid Id, string EventTypes)>(SubscribedSql, transaction: db.Transaction))
            .Where(subscription => WebhookSubscription.Wants(subscription.EventTypes, type))
            .ToList();
        if (wanting.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var payload = new JsonObject
        {
            ["type"] = type,
            ["timestamp"] = context.Message.OccurredAt.ToUniversalTime().ToString("O"),
            ["data"] = JsonSerializer.SerializeToNode(context.Message, Json),
        }.ToJsonString();
        await db.Connection.ExecuteAsync(InsertSql, wanting.Select(subscription => new
        {
            Id = TimeOrderedId.New(now), SubscriptionId = subscription.Id, EventType = type, context.Message.EventId, Payload = payload,
            Status = OutboundStatus.Pending.ToWire(), Now = now,
        }), db.Transaction);
        db.AfterCommit(signal.Notify);
    }
}

/// <summary>Which consumers the fan-out needs.</summary>
public static class FanOut
{
    /// <summary>The closed consumer for every event type a subscription may name.</summary>
    public static IReadOnlyList<Type> Consumers() => EventTypes.Contracts.All
        .Where(type => WebhookSubscription.Types.Contains(EventTypes.WebhookType(EventTypes.Contracts.UrnOf(type))))
        .Select(type => typeof(FanOutConsumer<>).MakeGenericType(type))
        .ToList();
}
