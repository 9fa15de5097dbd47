using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Integrations.Features.AtsWebhooks;

/// <summary>GET /api/webhook-deliveries/{id}: one delivery and what became of it.</summary>
public static class GetDelivery
{
    public static void Map(RouteGroupBuilder deliveries) =>
        deliveries.MapGet("/{id:guid}", Handle)
            .WithName("GetWebhookDelivery")
            .WithSummary("Read one ATS webhook delivery")
            .WithDescription("Status, action, what it lacked and when it was replayed; the body is not shown.")
            .RequireRoles(IntegrationsApi.Operators)
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<ListDeliveries.DeliverySummary>, ProblemHttpResult>> Handle(Guid id, Database database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ListDeliveries.Row>(ListDeliveries.FindSql, new { Id = id });
        return row is null ? ApiProblems.NotFound("Delivery", id) : TypedResults.Ok(row.ToSummary());
    }
}
