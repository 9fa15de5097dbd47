using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Integrations.Features.OutboundWebhooks;

/// <summary>POST /api/webhook-subscriptions/{id}/rotate-secret: a new secret; the old one still signs beside it for a while.</summary>
public static class RotateSecret
{
    internal const string RotateSql =
        """
        UPDATE webhook_subscriptions SET previous_secret = secret, previous_secret_until = @Until, secret = @Secret, updated_at = @Now, version = version + 1
        WHERE id = @Id
        """;

    public static void Map(RouteGroupBuilder subscriptions) =>
        subscriptions.MapPost("/{id:guid}/rotate-secret", Handle)
            .WithName("RotateWebhookSecret")
            .WithSummary("Rotate a subscription's signing secret")
            .WithDescription("Answers the new whsec_ secret, shown this once. For Integrations:Webhooks:RotationOverlap (24 hours) deliveries carry two signatures, by the new and the old secret, so the receiver can switch without losing any.")
            .RequireRoles(IntegrationsApi.Operators)
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<SubscriptionSecret>, ProblemHttpResult>> Handle(
        Guid id, Database database, IOptions<IntegrationsOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var secret = WebhookSubscription.NewSecret();
        await using var session = await database.BeginAsync(cancellationToken);
        var changed = await session.Connection.ExecuteAsync(
            RotateSql, new { Id = id, Secret = secret, Until = now + options.Value.Webhooks.RotationOverlap, Now = now }, session.Transaction);
        if (changed == 0)
        {
            return ApiProblems.NotFound("Subscription", id);
        }

        var rotated = (await WebhookSubscription.FindAsync(session.Connection, id, session.Transaction))!;
        await session.CommitAsync(cancellationToken);
        return TypedResults.Ok(new SubscriptionSecret(rotated, secret));
    }
}
