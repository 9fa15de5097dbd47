using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Integrations.Features.OutboundWebhooks;

/// <summary>PUT /api/webhook-subscriptions/{id}: change the URL, the event types, the description; enable it again.</summary>
public static class UpdateSubscription
{
    // Enabling clears the reason and the failure count; deliveries that waited meanwhile then go out.
    internal const string UpdateSql =
        """
        UPDATE webhook_subscriptions SET url = @Url, event_types = @EventTypes, description = @Description, enabled = @Enabled,
            disabled_reason = CASE WHEN @Enabled = 1 THEN NULL ELSE COALESCE(disabled_reason, @DisabledByApi) END,
            failed_deliveries = CASE WHEN @Enabled = 1 THEN 0 ELSE failed_deliveries END, updated_at = @Now, version = version + 1
        WHERE id = @Id
        """;

    public static void Map(RouteGroupBuilder subscriptions) =>
        subscriptions.MapPut("/{id:guid}", Handle)
            .WithName("UpdateWebhookSubscription")
            .WithSummary("Change or re-enable a webhook subscription")
            .WithDescription("The whole subscription: url, eventTypes, description, and enabled (true re-enables one that was disabled after a 410 or failed deliveries; false pauses it, deliveries wait). If-Match guards against concurrent edits (412).")
            .RequireRoles(IntegrationsApi.Operators)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Ok<SubscriptionResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, SubscriptionFields request, [FromHeader(Name = "If-Match"), MaxLength(Lengths.ETag)] string? ifMatch, Database database, IOptions<IntegrationsOptions> options,
        WebhookSignal signal, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
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

        await using var session = await database.BeginAsync(cancellationToken);
        var current = await WebhookSubscription.FindAsync(session.Connection, id, session.Transaction);
        if (ApiProblems.Refuses(current, "Subscription", id, found => found.Version, ifMatch, out var refusal))
        {
            return refusal;
        }

        var enabled = request.Enabled ?? current.Enabled;
        await session.Connection.ExecuteAsync(UpdateSql, new
        {
            Id = id, request.Url, EventTypes = WebhookSubscription.TypesText(request.EventTypes!), Description = request.Description?.Trim(),
            Enabled = enabled ? 1 : 0, DisabledByApi = "Paused through the API.", Now = clock.GetUtcNow(),
        }, session.Transaction);
        var updated = (await WebhookSubscription.FindAsync(session.Connection, id, session.Transaction))!;
        session.AfterCommit(signal.Notify);
        await session.CommitAsync(cancellationToken);
        http.Response.Headers.ETag = ETags.For(updated.Version);
        return TypedResults.Ok(updated);
    }
}
