using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Integrations.Features.OutboundWebhooks;

/// <summary>GET /api/webhook-subscriptions/{id}.</summary>
public static class GetSubscription
{
    public static void Map(RouteGroupBuilder subscriptions) =>
        subscriptions.MapGet("/{id:guid}", Handle)
            .WithName("GetWebhookSubscription")
            .WithSummary("Read a webhook subscription")
            .WithDescription("Whether it is enabled (and why not), and how many deliveries in a row failed every retry. The secret is never shown again.")
            .RequireRoles(IntegrationsApi.Operators)
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> Handle(
        Guid id, Database database, HttpContext http, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var subscription = await WebhookSubscription.FindAsync(connection, id);
        if (subscription is null)
        {
            return ApiProblems.NotFound("Subscription", id);
        }

        http.Response.Headers.ETag = ETags.For(subscription.Version);
        return TypedResults.Ok(subscription);
    }
}
