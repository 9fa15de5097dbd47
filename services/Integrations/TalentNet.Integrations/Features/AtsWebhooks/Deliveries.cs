using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Contracts;
using TalentNet.Messaging;
using TalentNet.Storage;

namespace TalentNet.Integrations.Features.AtsWebhooks;

/// <summary>The ATS systems TalentNet takes webhooks from.</summary>
[JsonConverter(typeof(WireEnumConverter<AtsSystem>))]
public enum AtsSystem
{
    Greenhouse,
    Lever,
    Ashby,
}

/// <summary>What became of a delivery.</summary>
[JsonConverter(typeof(WireEnumConverter<DeliveryStatus>))]
public enum DeliveryStatus
{
    /// <summary>Turned into a TalentNet event.</summary>
    Applied,

    /// <summary>An action TalentNet does not handle; recorded, nothing done.</summary>
    Ignored,

    /// <summary>A handled action without what TalentNet needs (e.g. no email); recorded for a replay once fixed.</summary>
    Unusable,

    /// <summary>A ping the vendor sends to check the endpoint; answered 200, nothing done.</summary>
    Acknowledged,

    /// <summary>Verified and stored; what it comes to needs the vendor's API first (Lever sends ids only).</summary>
    Pending,

    /// <summary>It names a person erased at their request (the suppression list): its body is dropped and nothing is done.</summary>
    Suppressed,
}

/// <summary>
/// What a vendor's delivery says: its action, the vendor's own event id when it sends one, and what
/// it comes to: a TalentNet event, a reason it cannot become one, a ping to acknowledge, or an action
/// TalentNet does not handle.
/// </summary>
public sealed record AtsReading(
    string Action, string? EventId, DeliveryStatus Status, Func<Guid, DateTimeOffset, IIntegrationEvent>? ToEvent = null, string? Problem = null,
    IReadOnlyList<string>? Emails = null)
{
    /// <summary>A delivery that becomes an event; the person's addresses are checked against the suppression list before it goes.</summary>
    public static AtsReading Applied(string action, string? eventId, Func<Guid, DateTimeOffset, IIntegrationEvent> toEvent, IReadOnlyList<string> emails) =>
        new(action, eventId, DeliveryStatus.Applied, toEvent, Emails: emails);

    /// <summary>This reading, or a suppressed one when it names a person erased at their request.</summary>
    public async Task<AtsReading> SuppressedByAsync(SuppressionList suppression, DbSession session)
    {
        ArgumentNullException.ThrowIfNull(suppression);
        ArgumentNullException.ThrowIfNull(session);
        return Emails is { Count: > 0 } emails && await suppression.HoldsAnyAsync(session.Connection, session.Transaction, emails)
            ? new AtsReading(Action, EventId, DeliveryStatus.Suppressed, Problem: SuppressionList.Reason)
            : this;
    }

    public static AtsReading Unusable(string action, string? eventId, string problem) => new(action, eventId, DeliveryStatus.Unusable, Problem: problem);

    public static AtsReading Ignored(string action, string? eventId) => new(action, eventId, DeliveryStatus.Ignored);

    public static AtsReading Ping(string action, string? eventId) => new(action, eventId, DeliveryStatus.Acknowledged);

    public static AtsReading Pending(string action, string? eventId) => new(action, eventId, DeliveryStatus.Pending);
}

/// <summary>The answer to the ATS: which delivery this was and what became of it.</summary>
public sealed record DeliveryReceipt(Guid DeliveryId, string Status, string? Detail);

/// <summary>Stores each delivery once, with the event it becomes, in one transaction.</summary>
public sealed class Deliveries(Database database, Outbox outbox, PendingDeliveries pending, SuppressionList suppression, TimeProvider clock)
{
    public const string DuplicateStatus = "duplicate";

    /// <summary>What is kept of a suppressed delivery's body: nothing.</summary>
    public const string SuppressedBody = "{}";

    internal const string ForgetBodySql = "UPDATE webhook_deliveries SET body = '{}' WHERE id = @Id";

    internal const string IdByKeySql = "SELECT id FROM webhook_deliveries WHERE system = @System AND dedupe_key = @DedupeKey";

    internal const string InsertSql =
        """
        INSERT INTO webhook_deliveries (id, system, dedupe_key, action, status, detail, received_at, attempts, next_attempt_at, body)
        VALUES (@Id, @System, @DedupeKey, @Action, @Status, @Detail, @Now, 0, @NextAttemptAt, @Body)
        """;

    /// <summary>
    /// Records the delivery and enqueues its event. The same vendor event id (or, without one, the same
    /// body) a second time is answered as a duplicate and has no effect.
    /// </summary>
    public async Task<Results<Ok<DeliveryReceipt>, Accepted<DeliveryReceipt>>> AcceptAsync(
        AtsSystem system, AtsReading reading, string body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var key = new
        {
            System = system.ToWire(),
            DedupeKey = reading.EventId is { Length: > 0 and <= 100 } eventId ? eventId : $"sha256:{Hash(body)}",
        };
        var now = clock.GetUtcNow();
        await using var session = await database.BeginAsync(cancellationToken);
        if (await session.Connection.ExecuteScalarAsync<Guid?>(IdByKeySql, key, session.Transaction) is { } seen)
        {
            return TypedResults.Ok(new DeliveryReceipt(seen, DuplicateStatus, null));
        }

        var id = TimeOrderedId.New(now);
        reading = await reading.SuppressedByAsync(suppression, session);
        var status = reading.Status;
        try
        {
            await session.Connection.ExecuteAsync(InsertSql, new
            {
                Id = id,
                key.System,
                key.DedupeKey,
                Action = Text.Clip(reading.Action, 100),
                Status = status.ToWire(),
                Detail = reading.Problem is null ? null : Text.Clip(reading.Problem, 500),
                Now = now,
                NextAttemptAt = status == DeliveryStatus.Pending ? now : (DateTimeOffset?)null,
                Body = status == DeliveryStatus.Suppressed ? SuppressedBody : body,
            }, session.Transaction);
            if (reading.ToEvent is { } toEvent)
            {
                await outbox.EnqueueAsync(session, toEvent(id, now));
            }

            if (status == DeliveryStatus.Pending)
            {
                session.AfterCommit(pending.Notify);
            }

            await session.CommitAsync(cancellationToken);
        }
        catch (DbException exception) when (DbErrors.IsUniqueViolation(exception))
        {
            // The vendor retried while the first attempt was being stored.
            await using var connection = await database.OpenAsync(cancellationToken);
            var first = await connection.ExecuteScalarAsync<Guid>(IdByKeySql, key);
            return TypedResults.Ok(new DeliveryReceipt(first, DuplicateStatus, null));
        }

        var receipt = new DeliveryReceipt(id, status.ToWire(), reading.Problem);
        return status is DeliveryStatus.Applied or DeliveryStatus.Acknowledged ? TypedResults.Ok(receipt) : TypedResults.Accepted($"/api/webhook-deliveries/{id}", receipt);
    }

    /// <summary>
    /// A stored delivery read again (Lever's completion, a replay): suppressed with its body dropped when
    /// it names a person erased at their request, otherwise its event sent. Says what it came to.
    /// </summary>
    public static async Task<AtsReading> ApplyStoredAsync(
        DbSession session, Outbox outbox, SuppressionList suppression, Guid id, AtsReading reading, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(reading);
        reading = await reading.SuppressedByAsync(suppression, session);
        if (reading.ToEvent is { } toEvent)
        {
            await outbox.EnqueueAsync(session, toEvent(id, now));
        }

        if (reading.Status == DeliveryStatus.Suppressed)
        {
            await session.Connection.ExecuteAsync(ForgetBodySql, new { Id = id }, session.Transaction);
        }

        return reading;
    }

    private static string Hash(string body) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));

}
