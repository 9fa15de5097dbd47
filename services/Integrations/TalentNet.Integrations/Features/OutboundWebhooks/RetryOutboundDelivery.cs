using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Contracts;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Integrations.Features.OutboundWebhooks;

/// <summary>POST /api/webhook-subscriptions/{id}/deliveries/{deliveryId}/retry: send one again now, with a fresh set of retries.</summary>
public static class RetryOutboundDelivery
{
    internal const string RetrySql =
        """
        UPDATE webhook_outbound_deliveries SET status = @Pending, attempts = 0, next_attempt_at = @Now, last_error = NULL
        WHERE id = @DeliveryId AND subscription_id = @Id AND status <> @Pending
        """;

    internal static readonly string FindSql =
        $"SELECT {OutboundDelivery.Columns} FROM webhook_outbound_deliveries WHERE id = @DeliveryId AND subscription_id = @Id";

    public static void Map(RouteGroupBuilder subscriptions) =>
        subscriptions.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/retry", Handle)
            .WithName("RetryWebhookDelivery")
            .WithSummary("Send a delivery again")
            .WithDescription("A failed or delivered delivery goes out again at once with the same webhook-id (receivers de-duplicate on it); one still pending is left as it is. A disabled subscription sends it once it is enabled.")
            .RequireRoles(IntegrationsApi.Operators)
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<OutboundDeliveryResponse>, ProblemHttpResult>> Handle(
        Guid id, Guid deliveryId, Database database, WebhookSignal signal, TimeProvider clock, CancellationToken cancellationToken)
    {
        var key = new { Id = id, DeliveryId = deliveryId };
        await using var session = await database.BeginAsync(cancellationToken);
        await session.Connection.ExecuteAsync(RetrySql, new { key.Id, key.DeliveryId, Pending = OutboundStatus.Pending.ToWire(), Now = clock.GetUtcNow() }, session.Transaction);
        var row = await session.Connection.QuerySingleOrDefaultAsync<OutboundDelivery.Row>(FindSql, key, session.Transaction);
        if (row is null)
        {
            return ApiProblems.NotFound("Delivery", deliveryId);
        }

        session.AfterCommit(signal.Notify);
        await session.CommitAsync(cancellationToken);
        return TypedResults.Ok(row.ToResponse());
    }
}
