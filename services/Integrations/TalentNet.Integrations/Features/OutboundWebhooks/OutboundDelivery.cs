using System.Text.Json.Serialization;
using TalentNet.Contracts;

namespace TalentNet.Integrations.Features.OutboundWebhooks;

/// <summary>Where one event's delivery to one subscription stands.</summary>
[JsonConverter(typeof(WireEnumConverter<OutboundStatus>))]
public enum OutboundStatus
{
    /// <summary>Waiting for its first attempt or a retry.</summary>
    Pending,

    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>Every retry failed, or the receiver answered 410 Gone.</summary>
    Failed,
}

/// <summary>A delivery as the API shows it (the payload is the event; read it from the receiver's side).</summary>
public sealed record OutboundDeliveryResponse(
    Guid Id, Guid SubscriptionId, string EventType, Guid EventId, OutboundStatus Status, int Attempts, int? LastStatusCode, string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt);

public static class OutboundDelivery
{
    internal const string Columns =
        """
        id AS Id, subscription_id AS SubscriptionId, event_type AS EventType, event_id AS EventId, status AS Status, attempts AS Attempts,
        last_status_code AS LastStatusCode, last_error AS LastError, created_at AS CreatedAt, next_attempt_at AS NextAttemptAt, delivered_at AS DeliveredAt
        """;

    internal sealed class Row
    {
        public Guid Id { get; init; }
        public Guid SubscriptionId { get; init; }
        public string EventType { get; init; } = "";
        public Guid EventId { get; init; }
        public string Status { get; init; } = "";
        public int Attempts { get; init; }
        public int? LastStatusCode { get; init; }
        public string? LastError { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? NextAttemptAt { get; init; }
        public DateTimeOffset? DeliveredAt { get; init; }

        public OutboundDeliveryResponse ToResponse() => new(
            Id, SubscriptionId, EventType, EventId, Wire<OutboundStatus>.Parse(Status), Attempts, LastStatusCode, LastError, CreatedAt, NextAttemptAt, DeliveredAt);
    }
}
