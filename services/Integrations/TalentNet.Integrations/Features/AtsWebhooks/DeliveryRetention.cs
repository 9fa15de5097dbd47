using Dapper;
using Microsoft.Extensions.Options;
using TalentNet.Storage;

namespace TalentNet.Integrations.Features.AtsWebhooks;

/// <summary>Deletes raw ATS deliveries and sent webhooks once Integrations:DeliveryRetention has passed: they hold personal data and are only kept for replay and the log.</summary>
public sealed partial class DeliveryRetention(Database database, IOptions<IntegrationsOptions> options, TimeProvider clock, ILogger<DeliveryRetention> logger)
    : BackgroundService
{
    internal const string DeleteSql = "DELETE FROM webhook_deliveries WHERE received_at < @Before";

    // Outbound deliveries carry the events' personal data too; one still waiting for a retry stays, unless its subscription is disabled.
    internal const string DeleteOutboundSql =
        """
        DELETE FROM webhook_outbound_deliveries
        WHERE created_at < @Before AND (next_attempt_at IS NULL OR subscription_id IN (SELECT id FROM webhook_subscriptions WHERE enabled = 0))
        """;

    /// <summary>One sweep: deletes what is older than the retention and says how many rows went.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var session = await database.BeginAsync(cancellationToken);
        var before = new { Before = clock.GetUtcNow() - options.Value.DeliveryRetention };
        var deleted = await session.Connection.ExecuteAsync(DeleteSql, before, session.Transaction)
            + await session.Connection.ExecuteAsync(DeleteOutboundSql, before, session.Transaction);
        await session.CommitAsync(cancellationToken);
        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await SweepAsync(stoppingToken) is > 0 and var deleted)
                {
                    LogDeleted(logger, deleted);
                }

                await Task.Delay(options.Value.RetentionSweepInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is System.Data.Common.DbException or TimeoutException)
            {
                LogFailed(logger, exception);
                await Task.Delay(TimeSpan.FromSeconds(30), clock, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} webhook deliveries past their retention")]
    private static partial void LogDeleted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The ATS delivery retention sweep failed; trying again shortly")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
