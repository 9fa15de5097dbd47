using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Integrations.Features.OutboundWebhooks;

/// <summary>POST /api/webhook-subscriptions: a URL that receives TalentNet's events, signed (Standard Webhooks).</summary>
public static class CreateSubscription
{
    public static void Map(RouteGroupBuilder subscriptions) =>
        subscriptions.MapPost("/", Handle)
            .WithName("CreateWebhookSubscription")
            .WithSummary("Subscribe a URL to events")
            .WithDescription("eventTypes names event types (candidates.candidate-hired, …; the list is in contracts/README.md and each message's x-webhook-type in the AsyncAPI documents) or [\"*\"]. The answer carries the whsec_ signing secret, shown this once. Deliveries are POSTs of { type, timestamp, data } with webhook-id, webhook-timestamp and webhook-signature headers. A target on a loopback, private or link-local address, or not https, is 422.")
            .RequireRoles(IntegrationsApi.Operators)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Created<SubscriptionSecret>, ValidationProblem, ProblemHttpResult>> Handle(
        SubscriptionFields request, Database database, IOptions<IntegrationsOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        WebhookSubscription.Validate(request, validation);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        if (await WebhookSubscription.TargetRefusalAsync(request.Url!, options.Value.Webhooks.AllowPrivateTargets, cancellationToken) is { } refused)
        {
            return refused;
        }

        var now = clock.GetUtcNow();
        var (id, secret) = (TimeOrderedId.New(now), WebhookSubscription.NewSecret());
        await using var session = await database.BeginAsync(cancellationToken);
        await session.Connection.ExecuteAsync(WebhookSubscription.InsertSql, new
        {
            Id = id, request.Url, EventTypes = WebhookSubscription.TypesText(request.EventTypes!), Description = request.Description?.Trim(), Secret = secret,
            Now = now,
        }, session.Transaction);
        var created = (await WebhookSubscription.FindAsync(session.Connection, id, session.Transaction))!;
        await session.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/webhook-subscriptions/{id}", new SubscriptionSecret(created, secret));
    }
}
