using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TalentNet.Contracts;
using TalentNet.Messaging;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Integrations.Features.AtsWebhooks;

/// <summary>
/// POST /api/webhook-deliveries/{id}/replay: reads a stored delivery again (after a mapping or a job
/// was fixed) and sends what it comes to now. Candidates applies a replay idempotently.
/// </summary>
public static class ReplayDelivery
{
    internal const string BodySql = "SELECT system AS System, body AS Body FROM webhook_deliveries WHERE id = @Id";

    internal const string ReplayedSql =
        "UPDATE webhook_deliveries SET status = @Status, detail = @Detail, replayed_at = @Now, next_attempt_at = @NextAttemptAt WHERE id = @Id";

    public static void Map(RouteGroupBuilder deliveries) =>
        deliveries.MapPost("/{id:guid}/replay", Handle)
            .WithName("ReplayWebhookDelivery")
            .WithSummary("Replay a stored ATS delivery")
            .WithDescription("The stored body is read with today's mappings; an applicable one is sent again. Deliveries are kept for Integrations:DeliveryRetention.")
            .RequireRoles(IntegrationsApi.Operators)
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<ListDeliveries.DeliverySummary>, ProblemHttpResult>> Handle(
        Guid id, Database database, Outbox outbox, PendingDeliveries pending, SuppressionList suppression, IOptions<IntegrationsOptions> options,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var session = await database.BeginAsync(cancellationToken);
        var stored = await session.Connection.QuerySingleOrDefaultAsync<(string System, string Body)?>(BodySql, new { Id = id }, session.Transaction);
        if (stored is not { } delivery)
        {
            return ApiProblems.NotFound("Delivery", id);
        }

        using var document = JsonDocument.Parse(delivery.Body);
        var now = clock.GetUtcNow();
        var reading = await Deliveries.ApplyStoredAsync(
            session, outbox, suppression, id, Vendors.Read(Wire<AtsSystem>.Parse(delivery.System), document.RootElement, options.Value), now);

        var again = reading.Status == DeliveryStatus.Pending;
        await session.Connection.ExecuteAsync(
            ReplayedSql,
            new { Id = id, Status = reading.Status.ToWire(), Detail = reading.Problem, Now = now, NextAttemptAt = again ? now : (DateTimeOffset?)null },
            session.Transaction);
        if (again)
        {
            session.AfterCommit(pending.Notify);
        }

        var row = await session.Connection.QuerySingleAsync<ListDeliveries.Row>(ListDeliveries.FindSql, new { Id = id }, session.Transaction);
        await session.CommitAsync(cancellationToken);
        return TypedResults.Ok(row.ToSummary());
    }
}
