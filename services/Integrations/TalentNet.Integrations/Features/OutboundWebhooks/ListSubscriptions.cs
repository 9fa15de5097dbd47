using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Integrations.Features.OutboundWebhooks;

/// <summary>GET /api/webhook-subscriptions?page=&amp;pageSize=.</summary>
public static class ListSubscriptions
{
    internal const string CountSql = "SELECT COUNT(*) FROM webhook_subscriptions";

    internal static string PageSql(SqlDialect dialect) => $"SELECT {WebhookSubscription.Columns} FROM webhook_subscriptions ORDER BY created_at DESC, id DESC {dialect.Paging}";

    public static void Map(RouteGroupBuilder subscriptions) =>
        subscriptions.MapGet("/", Handle)
            .WithName("ListWebhookSubscriptions")
            .WithSummary("List webhook subscriptions")
            .WithDescription($"Newest first, without secrets; page size at most {Paging.MaxPageSize}.")
            .RequireRoles(IntegrationsApi.Operators)
            .ProducesValidationProblem();

    public static async Task<Results<Ok<PagedList<SubscriptionResponse>>, ValidationProblem>> Handle(
        int? page, int? pageSize, Database database, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var (number, size, skip) = Paging.Normalize(page, pageSize, validation);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(CountSql);
        var rows = await connection.QueryAsync<WebhookSubscription.Row>(PageSql(database.Dialect), new { Skip = skip, Take = size });
        return TypedResults.Ok(new PagedList<SubscriptionResponse>(rows.Select(row => row.ToResponse()).ToList(), number, size, total));
    }
}
