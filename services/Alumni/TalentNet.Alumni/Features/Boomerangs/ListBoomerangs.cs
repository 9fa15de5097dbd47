using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Contracts;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Alumni.Features.Boomerangs;

/// <summary>GET /api/boomerangs?from=&amp;to=&amp;department=: who came back, after how long, in which role, through which channel.</summary>
public static class ListBoomerangs
{
    public sealed record Boomerang(
        Guid AlumnusId, string FullName, string Department, string OldRole, string? NewRole,
        DateOnly LastDay, DateOnly ReturnedOn, int MonthsAway, string? Channel);

    private static string Filter(bool from, bool to, bool department) =>
        $"returned_on IS NOT NULL AND {SqlFilter.Where((from, "returned_on >= @From"), (to, "returned_on <= @To"), (department, "department = @Department"))}";

    internal static string CountSql(bool from, bool to, bool department) => $"SELECT COUNT(*) FROM alumni WHERE {Filter(from, to, department)}";

    internal static string ReturnsSql(SqlDialect dialect, bool from, bool to, bool department) =>
        $"""
        SELECT id AS AlumnusId, full_name AS FullName, department AS Department, role AS OldRole, return_role AS NewRole,
               last_day AS LastDay, returned_on AS ReturnedOn, months_away AS MonthsAway, return_channel AS Channel
        FROM alumni
        WHERE {Filter(from, to, department)}
        ORDER BY returned_on DESC, id DESC {dialect.Paging}
        """;

    private sealed class Row
    {
        public Guid AlumnusId { get; init; }
        public string FullName { get; init; } = "";
        public string Department { get; init; } = "";
        public string OldRole { get; init; } = "";
        public string? NewRole { get; init; }
        public DateOnly LastDay { get; init; }
        public DateOnly ReturnedOn { get; init; }
        public int MonthsAway { get; init; }
        public string? Channel { get; init; }
    }

    public static void Map(RouteGroupBuilder boomerangs) =>
        boomerangs.MapGet("/", Handle)
            .WithName("ListBoomerangs")
            .WithSummary("Alumni who came back (from/to are dates of return, inclusive)")
            .WithDescription($"Most recent return first; page size at most {Paging.MaxPageSize}.")
            .RequireRoles(AlumniApi.Readers)
            .ProducesValidationProblem();

    public static async Task<Results<Ok<PagedList<Boomerang>>, ValidationProblem>> Handle(
        DateOnly? from, DateOnly? to, [MaxLength(Lengths.Department)] string? department, int? page, int? pageSize, Database database, CancellationToken cancellationToken)
    {
        var validation = new Validation().Check(from is null || to is null || from <= to, "to", "Must not be before from.").MaxLength("department", department, 100);
        var (number, size, skip) = Paging.Normalize(page, pageSize, validation);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var parameters = new { From = from, To = to, Department = department, Skip = skip, Take = size };
        var (byFrom, byTo, byDepartment) = (from is not null, to is not null, department is not null);
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(CountSql(byFrom, byTo, byDepartment), parameters);
        var rows = await connection.QueryAsync<Row>(ReturnsSql(database.Dialect, byFrom, byTo, byDepartment), parameters);
        return TypedResults.Ok(new PagedList<Boomerang>(rows
            .Select(row => new Boomerang(row.AlumnusId, row.FullName, row.Department, row.OldRole, row.NewRole, row.LastDay, row.ReturnedOn, row.MonthsAway, row.Channel))
            .ToList(), number, size, total));
    }
}
