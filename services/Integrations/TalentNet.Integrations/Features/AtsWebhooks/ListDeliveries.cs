using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Contracts;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.OpenApi;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Integrations.Features.AtsWebhooks;

/// <summary>GET /api/webhook-deliveries?system=&amp;status=&amp;page=&amp;pageSize=: what the ATSs sent and what became of it.</summary>
public static class ListDeliveries
{
    /// <summary>A delivery without its body (the body holds personal data; replay it instead of reading it).</summary>
    public sealed record DeliverySummary(
        Guid Id, AtsSystem System, string Action, DeliveryStatus Status, string? Detail, DateTimeOffset ReceivedAt, DateTimeOffset? ReplayedAt);

    internal const string Columns =
        "id AS Id, system AS System, action AS Action, status AS Status, detail AS Detail, received_at AS ReceivedAt, replayed_at AS ReplayedAt";

    private static string Filter(bool system, bool status) => SqlFilter.Where((system, "system = @System"), (status, "status = @Status"));

    internal static string CountSql(bool system, bool status) => $"SELECT COUNT(*) FROM webhook_deliveries WHERE {Filter(system, status)}";

    internal static string PageSql(SqlDialect dialect, bool system, bool status) =>
        $"SELECT {Columns} FROM webhook_deliveries WHERE {Filter(system, status)} ORDER BY received_at DESC, id DESC {dialect.Paging}";

    internal static readonly string FindSql = $"SELECT {Columns} FROM webhook_deliveries WHERE id = @Id";

    public static void Map(RouteGroupBuilder deliveries) =>
        deliveries.MapGet("/", Handle)
            .WithName("ListWebhookDeliveries")
            .WithSummary("List ATS webhook deliveries")
            .WithDescription($"Newest first; filter by system and status. Bodies are not shown. Page size at most {Paging.MaxPageSize}.")
            .RequireRoles(IntegrationsApi.Operators)
            .ProducesValidationProblem();

    public static async Task<Results<Ok<PagedList<DeliverySummary>>, ValidationProblem>> Handle(
        [Vocabulary<AtsSystem>] string? system, [Vocabulary<DeliveryStatus>] string? status, int? page, int? pageSize, Database database,
        CancellationToken cancellationToken)
    {
        var validation = new Validation().OneOf<AtsSystem>("system", system, required: false).OneOf<DeliveryStatus>("status", status, required: false);
        var (number, size, skip) = Paging.Normalize(page, pageSize, validation);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var parameters = new { System = system, Status = status, Skip = skip, Take = size };
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(CountSql(system is not null, status is not null), parameters);
        var rows = await connection.QueryAsync<Row>(PageSql(database.Dialect, system is not null, status is not null), parameters);
        return TypedResults.Ok(new PagedList<DeliverySummary>(rows.Select(row => row.ToSummary()).ToList(), number, size, total));
    }

    internal sealed class Row
    {
        public Guid Id { get; init; }
        public string System { get; init; } = "";
        public string Action { get; init; } = "";
        public string Status { get; init; } = "";
        public string? Detail { get; init; }
        public DateTimeOffset ReceivedAt { get; init; }
        public DateTimeOffset? ReplayedAt { get; init; }

        /// <summary>Read only where the body is shown (subject access); lists never select it.</summary>
        public string? Body { get; init; }

        public DeliverySummary ToSummary() =>
            new(Id, Wire<AtsSystem>.Parse(System), Action, Wire<DeliveryStatus>.Parse(Status), Detail, ReceivedAt, ReplayedAt);
    }
}
