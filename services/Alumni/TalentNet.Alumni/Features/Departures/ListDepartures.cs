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

namespace TalentNet.Alumni.Features.Departures;

/// <summary>GET /api/departures?from=&amp;to=&amp;department=&amp;reason=&amp;page=&amp;pageSize=: who left when, and why (HR's view).</summary>
public static class ListDepartures
{
    // What HR sorts departures by; the stored body (the exit interview with it) is not shown.
    private const string Columns =
        """
        id AS Id, alumnus_id AS AlumnusId, employee_id AS EmployeeId, last_day AS LastDay, reason AS Reason, department AS Department,
        rehire_eligibility AS RehireEligibility, created_at AS CreatedAt, updated_at AS UpdatedAt, rescinded_at AS RescindedAt
        """;

    private static string Filter(bool from, bool to, bool department, bool reason) => SqlFilter.Where(
        (from, "last_day >= @From"), (to, "last_day <= @To"), (department, "department = @Department"), (reason, "reason = @Reason"));

    internal static string CountSql(bool from, bool to, bool department, bool reason) =>
        $"SELECT COUNT(*) FROM departures WHERE {Filter(from, to, department, reason)}";

    internal static string PageSql(SqlDialect dialect, bool from, bool to, bool department, bool reason) =>
        $"SELECT {Columns} FROM departures WHERE {Filter(from, to, department, reason)} ORDER BY last_day DESC, id DESC {dialect.Paging}";

    public static void Map(RouteGroupBuilder departures) =>
        departures.MapGet("/", Handle)
            .WithName("ListDepartures")
            .WithSummary("List departures")
            .ReadsSensitiveData(_ => true)
            .WithDescription($"from and to are last days (YYYY-MM-DD, inclusive); department and reason filter exactly. Most recent last day first; page size at most {Paging.MaxPageSize}.")
            .RequireRoles(AlumniApi.DepartureReaders)
            .ProducesValidationProblem();

    public static async Task<Results<Ok<PagedList<Departure.Response>>, ValidationProblem>> Handle(
        DateOnly? from, DateOnly? to, [MaxLength(Lengths.Department)] string? department, [Vocabulary<DepartureReason>] string? reason, int? page, int? pageSize, Database database,
        CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .MaxLength("department", department, 100)
            .OneOf<DepartureReason>("reason", reason, required: false);
        validation.Check(from is null || to is null || from <= to, "to", "Must not be before from.");
        var (number, size, skip) = Paging.Normalize(page, pageSize, validation);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var parameters = new { From = from, To = to, Department = department, Reason = reason, Skip = skip, Take = size };
        var (byFrom, byTo, byDepartment, byReason) = (from is not null, to is not null, department is not null, reason is not null);
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(CountSql(byFrom, byTo, byDepartment, byReason), parameters);
        var rows = await connection.QueryAsync<Departure.Row>(PageSql(database.Dialect, byFrom, byTo, byDepartment, byReason), parameters);
        return TypedResults.Ok(new PagedList<Departure.Response>(rows.Select(row => row.ToResponse()).ToList(), number, size, total));
    }
}
