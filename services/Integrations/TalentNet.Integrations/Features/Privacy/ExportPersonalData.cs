using Dapper;
using TalentNet.Audit;
using TalentNet.Integrations.Features.AtsWebhooks;
using TalentNet.Messaging;
using TalentNet.Storage;

namespace TalentNet.Integrations.Features.Privacy;

/// <summary>GET /api/privacy/export?email=: the raw ATS deliveries and the webhooks sent whose body names the address (subject access).</summary>
public static class ExportPersonalData
{
    public sealed record Delivery(ListDeliveries.DeliverySummary Summary, string Body);

    public sealed record SentWebhook(Guid Id, Guid SubscriptionId, string EventType, string Status, DateTimeOffset CreatedAt, string Payload);

    public sealed record Response(string Service, string Email, IReadOnlyList<Delivery> AtsDeliveries, IReadOnlyList<SentWebhook> WebhooksSent);

    internal const string DeliveriesSql =
        $"SELECT {ListDeliveries.Columns}, body AS Body FROM webhook_deliveries WHERE body LIKE @Pattern ESCAPE '\\' ORDER BY received_at, id";

    internal const string SentSql =
        """
        SELECT id AS Id, subscription_id AS SubscriptionId, event_type AS EventType, status AS Status, created_at AS CreatedAt, payload AS Payload
        FROM webhook_outbound_deliveries WHERE payload LIKE @Pattern ESCAPE '\' ORDER BY created_at, id
        """;

    public static void Map(RouteGroupBuilder privacy) =>
        privacy.MapPersonalDataExport(
            "The raw ATS deliveries (with their bodies, as the ATS sent them) and the webhooks sent to subscribers whose body names the address.",
            ReadAsync);

    public static async Task<Response> ReadAsync(string address, Database database, HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = await database.OpenAsync(cancellationToken);
        var deliveries = new Dictionary<Guid, Delivery>();
        var sent = new Dictionary<Guid, SentWebhook>();
        foreach (var pattern in PersonalDataErasure.Patterns([address]))
        {
            foreach (var row in await connection.QueryAsync<ListDeliveries.Row>(DeliveriesSql, new { Pattern = pattern }))
            {
                deliveries.TryAdd(row.Id, new Delivery(row.ToSummary(), row.Body!));
            }

            foreach (var webhook in await connection.QueryAsync<SentWebhook>(SentSql, new { Pattern = pattern }))
            {
                sent.TryAdd(webhook.Id, webhook);
            }
        }

        return new Response(IntegrationsApi.ServiceName, address, [.. deliveries.Values], [.. sent.Values]);
    }
}
