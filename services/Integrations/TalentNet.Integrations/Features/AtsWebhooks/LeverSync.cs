using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Options;
using TalentNet.Contracts;
using TalentNet.Messaging;
using TalentNet.Storage;

namespace TalentNet.Integrations.Features.AtsWebhooks;

/// <summary>Wakes <see cref="LeverSync"/> when a pending delivery was stored.</summary>
public sealed class PendingDeliveries : Wake;

/// <summary>
/// Completes pending Lever deliveries from Lever's API: reads the opportunity and its posting, sends
/// what the delivery comes to, and tries again later (doubling the wait, at most an hour) while
/// Lever cannot be reached. A delivery is never dropped for an outage.
/// </summary>
public sealed partial class LeverSync(
    Database database, Outbox outbox, SuppressionList suppression, PendingDeliveries pending, IHttpClientFactory clients, IOptions<IntegrationsOptions> options,
    TimeProvider clock, ILogger<LeverSync> logger) : BackgroundService
{
    private static readonly TimeSpan LongestWait = TimeSpan.FromHours(1);

    internal static string DueSql(SqlDialect dialect) => dialect.Top(
        "id AS Id, body AS Body, attempts AS Attempts, next_attempt_at AS NextAttemptAt FROM webhook_deliveries",
        "WHERE next_attempt_at IS NOT NULL AND next_attempt_at <= @Now AND system = @System ORDER BY next_attempt_at",
        "20");

    // Several replicas run this worker: the one whose claim moves the row's time on takes it; a claim outlives a crash only by the lease.
    internal const string ClaimSql = "UPDATE webhook_deliveries SET next_attempt_at = @LeaseUntil WHERE id = @Id AND next_attempt_at = @NextAttemptAt";

    internal const string DoneSql = "UPDATE webhook_deliveries SET status = @Status, detail = @Detail, next_attempt_at = NULL WHERE id = @Id";

    internal const string RetrySql = "UPDATE webhook_deliveries SET attempts = attempts + 1, detail = @Detail, next_attempt_at = @Next WHERE id = @Id";

    /// <summary>Works through the deliveries that are due; the number it took on.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        List<Due> due;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            due = (await connection.QueryAsync<Due>(DueSql(database.Dialect), new { Now = clock.GetUtcNow(), System = AtsSystem.Lever.ToWire() })).ToList();
        }

        var api = new LeverApi(clients.CreateClient(LeverApi.ClientName));
        foreach (var delivery in due)
        {
            if (await ClaimAsync(delivery, cancellationToken))
            {
                await CompleteAsync(api, delivery, cancellationToken);
            }
        }

        return due.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RunOnceAsync(stoppingToken) == 0)
                {
                    await pending.WaitAsync(TimeSpan.FromSeconds(5), clock, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (System.Data.Common.DbException exception)
            {
                LogStoreFailed(logger, exception);
                await Task.Delay(TimeSpan.FromSeconds(5), clock, stoppingToken);
            }
        }
    }

    private async Task<bool> ClaimAsync(Due delivery, CancellationToken cancellationToken)
    {
        // Long enough for both of Lever's calls to time out; then another replica may try.
        var lease = options.Value.Lever.ApiTimeout * 3;
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(ClaimSql, new { delivery.Id, delivery.NextAttemptAt, LeaseUntil = clock.GetUtcNow() + lease }) == 1;
    }

    private async Task CompleteAsync(LeverApi api, Due delivery, CancellationToken cancellationToken)
    {
        var settings = options.Value.Lever;
        using var document = JsonDocument.Parse(delivery.Body);
        var root = document.RootElement;
        var action = root.Text("event") ?? "";
        AtsReading reading;
        if (string.IsNullOrEmpty(settings.ApiKey))
        {
            reading = AtsReading.Unusable(action, null, "Set Integrations:Lever:ApiKey, then replay the delivery.");
        }
        else
        {
            try
            {
                reading = await ReadAsync(api, root, action, cancellationToken);
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException && !cancellationToken.IsCancellationRequested)
            {
                var wait = TimeSpan.FromTicks(Math.Min(LongestWait.Ticks, settings.RetryDelay.Ticks * (1L << Math.Min(delivery.Attempts, 20))));
                LogRetry(logger, delivery.Id, delivery.Attempts + 1, wait);
                await using var connection = await database.OpenAsync(cancellationToken);
                await connection.ExecuteAsync(RetrySql, new { delivery.Id, Detail = Text.Clip(exception.Message, 500), Next = clock.GetUtcNow() + wait });
                return;
            }
        }

        var now = clock.GetUtcNow();
        await using var session = await database.BeginAsync(cancellationToken);
        reading = await Deliveries.ApplyStoredAsync(session, outbox, suppression, delivery.Id, reading, now);

        await session.Connection.ExecuteAsync(DoneSql, new { delivery.Id, Status = reading.Status.ToWire(), Detail = reading.Problem }, session.Transaction);
        await session.CommitAsync(cancellationToken);
    }

    private async Task<AtsReading> ReadAsync(LeverApi api, JsonElement root, string action, CancellationToken cancellationToken)
    {
        var opportunityId = ReceiveLever.OpportunityId(root)!;
        using var opportunity = await api.OpportunityAsync(opportunityId, cancellationToken);
        if (opportunity?.RootElement.At("data") is not { } found)
        {
            return AtsReading.Unusable(action, null, "Lever has no opportunity by the delivery's id.");
        }

        using var posting = LeverOpportunity.PostingId(found) is { } postingId ? await api.PostingAsync(postingId, cancellationToken) : null;
        var application = LeverOpportunity.ToApplication(found, posting?.RootElement.At("data"), options.Value);
        var at = root.EpochMillis("triggeredAt");
        return action switch
        {
            "candidateStageChange" => AtsMapping.Read(action, null, application, AtsMapping.StageChanged(at)),
            "candidateHired" => AtsMapping.Read(action, null, application, AtsMapping.Hired(at)),
            _ => AtsMapping.Read(action, null, application, AtsMapping.Received),
        };
    }

    private sealed class Due
    {
        public Guid Id { get; init; }
        public string Body { get; init; } = "";
        public int Attempts { get; init; }

        public DateTimeOffset NextAttemptAt { get; init; }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lever delivery {DeliveryId} could not be completed (attempt {Attempt}); trying again in {Wait}")]
    private static partial void LogRetry(ILogger logger, Guid deliveryId, int attempt, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pending ATS deliveries could not be read or written; trying again shortly")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception);
}
