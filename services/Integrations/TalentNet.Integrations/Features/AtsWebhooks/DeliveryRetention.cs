using Dapper;
using Microsoft.Extensions.Options;
using TalentNet.Audit.Retention;
using TalentNet.Storage;

namespace TalentNet.Integrations.Features.AtsWebhooks;

/// <summary>Deletes raw ATS deliveries and sent webhooks once Integrations:DeliveryRetention has passed: they hold personal data and are only kept for replay and the log.</summary>
public sealed class DeliveryRetention(Database database, IOptions<IntegrationsOptions> options) : IRetentionRule
{
    public const string RuleName = "webhook-deliveries";

    internal const string DeleteSql = "DELETE FROM webhook_deliveries WHERE received_at < @Before";

    // Outbound deliveries carry the events' personal data too; one still waiting for a retry stays, unless its subscription is disabled.
    internal const string DeleteOutboundSql =
        """
        DELETE FROM webhook_outbound_deliveries
        WHERE created_at < @Before AND (next_attempt_at IS NULL OR subscription_id IN (SELECT id FROM webhook_subscriptions WHERE enabled = 0))
        """;

    public string Name => RuleName;

    public string What => "Raw ATS deliveries and the log of webhooks sent, counted from their arrival or sending";

    public TimeSpan KeptFor => options.Value.DeliveryRetention;

    public async Task<int> ApplyAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var session = await database.BeginAsync(cancellationToken);
        var before = new { Before = now - KeptFor };
        var deleted = await session.Connection.ExecuteAsync(DeleteSql, before, session.Transaction)
            + await session.Connection.ExecuteAsync(DeleteOutboundSql, before, session.Transaction);
        await session.CommitAsync(cancellationToken);
        return deleted;
    }
}
