using System.ComponentModel.DataAnnotations;
using Dapper;
using TalentNet.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Contracts;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.OpenApi;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Recommendations.Features.Requests;

/// <summary>
/// GET /api/recommendation-requests?managerEmail=&amp;status=&amp;overdue=true&amp;department=:
/// a manager sees only the requests addressed to them.
/// </summary>
public static class ListRequests
{
    private static string Filter(bool manager, bool status, bool overdue, bool department) => SqlFilter.Where(
        (manager, "r.manager_email = @ManagerEmail"), (status, "r.status = @Status"),
        (overdue, "r.status = @Requested AND r.due_on < @Today"), (department, "r.department = @Department"));

    internal static string CountSql(bool manager, bool status, bool overdue, bool department) =>
        $"SELECT COUNT(*) FROM recommendation_requests r WHERE {Filter(manager, status, overdue, department)}";

    internal static string PageSql(SqlDialect dialect, bool manager, bool status, bool overdue, bool department) =>
        $"SELECT {RecommendationRequest.SelectColumns} FROM {RecommendationRequest.From} WHERE {Filter(manager, status, overdue, department)} ORDER BY r.due_on, r.id {dialect.Paging}";

    public static void Map(RouteGroupBuilder requests) =>
        requests.MapGet("/", Handle)
            .WithName("ListRecommendationRequests")
            .WithSummary("List recommendation requests")
            .ReadsSensitiveData(_ => true)
            .WithDescription($"Filters: managerEmail, status, overdue=true, department. Earliest due first; page size at most {Paging.MaxPageSize}. A manager's token lists only that manager's requests.")
            .RequireRoles(RecommendationsApi.RequestReaders)
            .ProducesValidationProblem();

    public static async Task<Results<Ok<PagedList<RecommendationRequestResponse>>, ValidationProblem>> Handle(
        [MaxLength(Lengths.Email)] string? managerEmail, [Vocabulary<RecommendationStatus>] string? status, bool? overdue, [MaxLength(Lengths.Department)] string? department, int? page, int? pageSize,
        Database database, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var validation = new Validation().OneOf<RecommendationStatus>("status", status, required: false);
        var (number, size, skip) = Paging.Normalize(page, pageSize, validation);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var manager = RecommendationsApi.IsOnlyManager(http) ? http.Email()?.ToLowerInvariant() ?? "" : managerEmail?.Trim().ToLowerInvariant();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var parameters = new { ManagerEmail = manager, Status = status, Requested = RecommendationStatus.Requested.ToWire(), Today = today, Department = department, Skip = skip, Take = size };
        var switches = (manager is not null, status is not null, overdue == true, department is not null);
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(CountSql(switches.Item1, switches.Item2, switches.Item3, switches.Item4), parameters);
        var rows = await connection.QueryAsync<RecommendationRequest.Row>(
            PageSql(database.Dialect, switches.Item1, switches.Item2, switches.Item3, switches.Item4), parameters);
        return TypedResults.Ok(new PagedList<RecommendationRequestResponse>(rows.Select(row => row.ToResponse(today)).ToList(), number, size, total));
    }
}
