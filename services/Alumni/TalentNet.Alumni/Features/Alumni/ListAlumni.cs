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

namespace TalentNet.Alumni.Features.Alumni;

/// <summary>GET /api/alumni?search=&amp;department=&amp;eligibility=&amp;status=&amp;updatedSince=&amp;page=&amp;pageSize=.</summary>
public static class ListAlumni
{
    // A recruiter's search never shows an alumnus who opted out or was erased; HR and integrations see every record.
    private static string Filter(bool search, bool department, bool eligibility, bool status, bool updatedSince, bool reachableOnly) => SqlFilter.Where(
        (search, "(lower(full_name) LIKE @Pattern OR work_email LIKE @Pattern OR personal_email LIKE @Pattern)"),
        (department, "department = @Department"), (eligibility, "rehire_eligibility = @Eligibility"), (status, "status = @Status"),
        (updatedSince, "updated_at >= @UpdatedSince"), (reachableOnly, "status <> @OptedOut AND erased_at IS NULL"));

    internal static string CountSql(bool search, bool department, bool eligibility, bool status, bool updatedSince, bool reachableOnly) =>
        $"SELECT COUNT(*) FROM alumni WHERE {Filter(search, department, eligibility, status, updatedSince, reachableOnly)}";

    internal static string PageSql(SqlDialect dialect, bool search, bool department, bool eligibility, bool status, bool updatedSince, bool reachableOnly) =>
        $"SELECT {Alumnus.SelectColumns} FROM alumni WHERE {Filter(search, department, eligibility, status, updatedSince, reachableOnly)} ORDER BY last_day DESC, id DESC {dialect.Paging}";

    public static void Map(RouteGroupBuilder alumni) =>
        alumni.MapGet("/", Handle)
            .WithName("ListAlumni")
            .WithSummary("Search the alumni network")
            .ReadsSensitiveData(http => http.SeesPersonnelDetails())
            .WithDescription($"search matches name or emails; eligibility and status filter exactly; updatedSince lists those changed at or after that instant ({Paging.UpdatedSinceAdvice}). Reason, would-return and eligibility note for hr and admin only. A recruiter never sees an alumnus who opted out or was erased. Most recent leavers first; page size at most {Paging.MaxPageSize}.")
            .RequireRoles(AlumniApi.Readers)
            .ProducesValidationProblem();

    public static async Task<Results<Ok<PagedList<AlumnusResponse>>, ValidationProblem>> Handle(
        [MaxLength(Lengths.Name)] string? search, [MaxLength(Lengths.Department)] string? department, [Vocabulary<RehireEligibility>] string? eligibility, [Vocabulary<AlumnusStatus>] string? status,
        int? page, int? pageSize, DateTimeOffset? updatedSince, Database database, HttpContext http, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .MaxLength("search", search, 200)
            .OneOf<RehireEligibility>("eligibility", eligibility, required: false)
            .OneOf<AlumnusStatus>("status", status, required: false);
        var (number, size, skip) = Paging.Normalize(page, pageSize, validation);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var term = string.IsNullOrWhiteSpace(search) ? null : search.Trim().ToLowerInvariant().Replace("%", "", StringComparison.Ordinal);
        var parameters = new
        {
            Pattern = $"%{term}%", Department = department, Eligibility = eligibility, Status = status,
            UpdatedSince = updatedSince?.ToUniversalTime(), OptedOut = AlumnusStatus.OptedOut.ToWire(), Skip = skip, Take = size,
        };
        var (bySearch, byDepartment, byEligibility, byStatus, bySince) =
            (term is not null, department is not null, eligibility is not null, status is not null, updatedSince is not null);
        var reachableOnly = !http.SeesPersonnelDetails() && !http.User.IsInRole(Roles.Integration);
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(CountSql(bySearch, byDepartment, byEligibility, byStatus, bySince, reachableOnly), parameters);
        var rows = await connection.QueryAsync<AlumnusRow>(PageSql(database.Dialect, bySearch, byDepartment, byEligibility, byStatus, bySince, reachableOnly), parameters);
        return TypedResults.Ok(new PagedList<AlumnusResponse>(rows.Select(row => row.ToResponse().ForCaller(http)).ToList(), number, size, total));
    }
}
