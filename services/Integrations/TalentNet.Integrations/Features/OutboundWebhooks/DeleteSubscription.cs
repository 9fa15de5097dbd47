using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Integrations.Features.OutboundWebhooks;

/// <summary>DELETE /api/webhook-subscriptions/{id}: the subscription and its deliveries (they hold personal data).</summary>
public static class DeleteSubscription
{
    internal const string DeleteDeliveriesSql = "DELETE FROM webhook_outbound_deliveries WHERE subscription_id = @Id";

    internal const string DeleteSql = "DELETE FROM webhook_subscriptions WHERE id = @Id";

    public static void Map(RouteGroupBuilder subscriptions) =>
        subscriptions.MapDelete("/{id:guid}", Handle)
            .WithName("DeleteWebhookSubscription")
            .WithSummary("Delete a webhook subscription")
            .WithDescription("Nothing more is sent to it; its delivery log goes too.")
            .RequireRoles(IntegrationsApi.Operators)
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<NoContent, ProblemHttpResult>> Handle(Guid id, Database database, CancellationToken cancellationToken)
    {
        await using var session = await database.BeginAsync(cancellationToken);
        await session.Connection.ExecuteAsync(DeleteDeliveriesSql, new { Id = id }, session.Transaction);
        if (await session.Connection.ExecuteAsync(DeleteSql, new { Id = id }, session.Transaction) == 0)
        {
            return ApiProblems.NotFound("Subscription", id);
        }

        await session.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
