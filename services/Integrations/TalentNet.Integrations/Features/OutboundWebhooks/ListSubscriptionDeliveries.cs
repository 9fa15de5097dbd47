using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.OpenApi;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Integrations.Features.OutboundWebhooks;

/// <summary>GET /api/webhook-subscriptions/{id}/deliveries?status=&amp;page=&amp;pageSize=: what was sent, how it went, when the next attempt is.</summary>
public static class ListSubscriptionDeliveries
{
    private static string Filter(bool status) => SqlFilter.Where((true, "subscription_id = @Id"), (status, "status = @Status"));

    internal static string CountSql(bool status) => $"SELECT COUNT(*) FROM webhook_outbound_deliveries WHERE {Filter(status)}";

    internal static string PageSql(SqlDialect dialect, bool status) =>
        $"SELECT {OutboundDelivery.Columns} FROM webhook_outbound_deliveries WHERE {Filter(status)} ORDER BY created_at DESC, id DESC {dialect.Paging}";

    public static void Map(RouteGroupBuilder subscriptions) =>
        subscriptions.MapGet("/{id:guid}/deliveries", Handle)
            .WithName("ListWebhookSubscriptionDeliveries")
            .WithSummary("List a subscription's deliveries")
            .WithDescription($"Newest first: status, attempts, the receiver's last answer and the next attempt. Page size at most {Paging.MaxPageSize}.")
            .RequireRoles(IntegrationsApi.Operators)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<PagedList<OutboundDeliveryResponse>>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, [Vocabulary<OutboundStatus>] string? status, int? page, int? pageSize, Database database, CancellationToken cancellationToken)
    {
        var validation = new Validation().OneOf<OutboundStatus>("status", status, required: false);
        var (number, size, skip) = Paging.Normalize(page, pageSize, validation);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        if (await WebhookSubscription.FindAsync(connection, id) is null)
        {
            return ApiProblems.NotFound("Subscription", id);
        }

        var parameters = new { Id = id, Status = status, Skip = skip, Take = size };
        var total = await connection.ExecuteScalarAsync<long>(CountSql(status is not null), parameters);
        var rows = await connection.QueryAsync<OutboundDelivery.Row>(PageSql(database.Dialect, status is not null), parameters);
        return TypedResults.Ok(new PagedList<OutboundDeliveryResponse>(rows.Select(row => row.ToResponse()).ToList(), number, size, total));
    }
}
