using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using Dapper;
using Microsoft.Extensions.Options;
using StandardWebhooks;
using TalentNet.Contracts;
using TalentNet.Storage;

namespace TalentNet.Integrations.Features.OutboundWebhooks;

/// <summary>
/// Sends stored deliveries to their subscribers, signed as Standard Webhooks (the same webhook-id on
/// every retry). Each subscription has its own few slots, so a slow or dead receiver delays only its
/// own deliveries. Retries follow Integrations:Webhooks:RetryDelays; a 410, or too many deliveries
/// that failed every retry, disables the subscription.
/// </summary>
public sealed partial class WebhookSender(
    Database database, WebhookSignal signal, IHttpClientFactory clients, IOptions<IntegrationsOptions> options, TimeProvider clock,
    ILogger<WebhookSender> logger) : BackgroundService
{
    public const string ClientName = "webhooks";

    private readonly ConcurrentDictionary<Guid, int> _inFlight = new();
    private readonly ConcurrentDictionary<Task, bool> _sends = new();

    internal const string SubscriptionsSql =
        """
        SELECT id AS Id, url AS Url, secret AS Secret, previous_secret AS PreviousSecret, previous_secret_until AS PreviousSecretUntil
        FROM webhook_subscriptions WHERE enabled = 1
        """;

    internal static string DueSql(SqlDialect dialect) => dialect.Top(
        "id AS Id, payload AS Payload, attempts AS Attempts, next_attempt_at AS NextAttemptAt FROM webhook_outbound_deliveries",
        "WHERE subscription_id = @SubscriptionId AND next_attempt_at IS NOT NULL AND next_attempt_at <= @Now ORDER BY next_attempt_at",
        "@Take");

    // Another replica's sender may have read the same row: the one whose claim moves its time on sends it.
    internal const string ClaimSql = "UPDATE webhook_outbound_deliveries SET next_attempt_at = @LeaseUntil WHERE id = @Id AND next_attempt_at = @NextAttemptAt";

    internal const string OutcomeSql =
        """
        UPDATE webhook_outbound_deliveries SET status = @Status, attempts = attempts + 1, last_status_code = @Code, last_error = @Error,
            next_attempt_at = @Next, delivered_at = @DeliveredAt
        WHERE id = @Id
        """;

    internal const string HealthySql = "UPDATE webhook_subscriptions SET failed_deliveries = 0 WHERE id = @Id AND failed_deliveries <> 0";

    internal const string FailedSql =
        """
        UPDATE webhook_subscriptions SET failed_deliveries = failed_deliveries + 1,
            enabled = CASE WHEN failed_deliveries + 1 >= @Limit THEN 0 ELSE enabled END,
            disabled_reason = CASE WHEN failed_deliveries + 1 >= @Limit THEN @Reason ELSE disabled_reason END
        WHERE id = @Id
        """;

    internal const string GoneSql = "UPDATE webhook_subscriptions SET enabled = 0, disabled_reason = @Reason WHERE id = @Id";

    private OutboundWebhookSettings Settings => options.Value.Webhooks;

    /// <summary>Starts the deliveries that are due, as many per subscription as it has free slots; the number started.</summary>
    public async Task<int> StartDueAsync(CancellationToken cancellationToken)
    {
        var started = 0;
        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var subscription in await connection.QueryAsync<Subscription>(SubscriptionsSql))
        {
            var free = Settings.ConcurrencyPerSubscription - _inFlight.GetValueOrDefault(subscription.Id);
            if (free <= 0)
            {
                continue;
            }

            var now = clock.GetUtcNow();
            var due = await connection.QueryAsync<Due>(DueSql(database.Dialect), new { SubscriptionId = subscription.Id, Now = now, Take = free });
            foreach (var delivery in due)
            {
                var lease = new { delivery.Id, delivery.NextAttemptAt, LeaseUntil = now + (Settings.Timeout * 2) };
                if (await connection.ExecuteAsync(ClaimSql, lease) == 0)
                {
                    continue;
                }

                _inFlight.AddOrUpdate(subscription.Id, 1, (_, count) => count + 1);
                var send = SendAsync(subscription, delivery, cancellationToken);
                _sends[send] = true;
                _ = send.ContinueWith(
                    finished =>
                    {
                        _sends.TryRemove(finished, out _);
                        _inFlight.AddOrUpdate(subscription.Id, 0, (_, count) => count - 1);
                        signal.Notify();
                    },
                    CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                started++;
            }
        }

        return started;
    }

    /// <summary>The value of the webhook-signature header: by the secret, and by the previous one while a rotation overlaps.</summary>
    public static string Signature(string secret, string? previous, bool previousValid, string id, DateTimeOffset timestamp, string payload)
    {
        var current = new StandardWebhook(secret).Sign(id, timestamp, payload);
        return previous is not null && previousValid ? $"{current} {new StandardWebhook(previous).Sign(id, timestamp, payload)}" : current;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var started = await StartDueAsync(stoppingToken);
                await signal.WaitAsync(started > 0 ? TimeSpan.FromMilliseconds(50) : TimeSpan.FromSeconds(1), clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (System.Data.Common.DbException exception)
            {
                LogStoreFailed(logger, exception);
                await Task.Delay(TimeSpan.FromSeconds(2), clock, stoppingToken);
            }
        }

        // A send stopped half-way keeps its lease and is sent again after it: never lost, at worst sent twice with the same webhook-id.
        await Task.WhenAll(_sends.Keys);
    }

    private async Task SendAsync(Subscription subscription, Due delivery, CancellationToken cancellationToken)
    {
        int? code = null;
        string? error = null;
        try
        {
            var timestamp = clock.GetUtcNow();
            var id = delivery.Id.ToString();
            using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
            {
                Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
            };
            request.Headers.TryAddWithoutValidation("webhook-id", id);
            request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            request.Headers.TryAddWithoutValidation("webhook-signature", Signature(
                subscription.Secret, subscription.PreviousSecret, subscription.PreviousSecretUntil > timestamp, id, timestamp, delivery.Payload));
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Settings.Timeout);
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            code = (int)response.StatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            error = exception is OperationCanceledException ? $"No answer within {Settings.Timeout.TotalSeconds:0.#} s." : Text.Clip(exception.Message, 500);
        }

        try
        {
            await RecordAsync(subscription, delivery, code, error);
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or TimeoutException)
        {
            // The lease runs out and the delivery is sent again: at least once, same webhook-id.
            LogStoreFailed(logger, exception);
        }
    }

    private async Task RecordAsync(Subscription subscription, Due delivery, int? code, string? error)
    {
        var now = clock.GetUtcNow();
        var delays = Settings.Delays;
        var (status, next) = code switch
        {
            >= 200 and < 300 => (OutboundStatus.Delivered, (DateTimeOffset?)null),
            (int)HttpStatusCode.Gone => (OutboundStatus.Failed, null),
            _ when delivery.Attempts < delays.Count => (OutboundStatus.Pending, now + delays[delivery.Attempts]),
            _ => (OutboundStatus.Failed, null),
        };
        await using var session = await database.BeginAsync(CancellationToken.None);
        await session.Connection.ExecuteAsync(OutcomeSql, new
        {
            delivery.Id, Status = status.ToWire(), Code = code, Error = error ?? (status == OutboundStatus.Delivered ? null : $"The receiver answered {code}."),
            Next = next, DeliveredAt = status == OutboundStatus.Delivered ? now : (DateTimeOffset?)null,
        }, session.Transaction);
        if (status == OutboundStatus.Delivered)
        {
            await session.Connection.ExecuteAsync(HealthySql, new { subscription.Id }, session.Transaction);
        }
        else if (code == (int)HttpStatusCode.Gone)
        {
            await session.Connection.ExecuteAsync(GoneSql, new { subscription.Id, Reason = "The receiver answered 410 Gone." }, session.Transaction);
            LogDisabled(logger, subscription.Id, "410 Gone");
        }
        else if (status == OutboundStatus.Failed)
        {
            var limit = Settings.DisableAfterFailedDeliveries;
            await session.Connection.ExecuteAsync(FailedSql, new
            {
                subscription.Id, Limit = limit, Reason = $"{limit} deliveries in a row failed every retry.",
            }, session.Transaction);
        }

        await session.CommitAsync(CancellationToken.None);
    }

    private sealed class Subscription
    {
        public Guid Id { get; init; }
        public string Url { get; init; } = "";
        public string Secret { get; init; } = "";
        public string? PreviousSecret { get; init; }
        public DateTimeOffset? PreviousSecretUntil { get; init; }
    }

    private sealed class Due
    {
        public Guid Id { get; init; }
        public string Payload { get; init; } = "";
        public int Attempts { get; init; }
        public DateTimeOffset NextAttemptAt { get; init; }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook subscription {SubscriptionId} was disabled: {Why}")]
    private static partial void LogDisabled(ILogger logger, Guid subscriptionId, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook deliveries could not be read or recorded; trying again shortly")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception);
}
