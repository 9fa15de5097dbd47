using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Contracts;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.OpenApi;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Candidates.Features.Jobs;

/// <summary>GET /api/jobs?status=&amp;department=&amp;page=&amp;pageSize=.</summary>
public static class ListJobs
{
    private static string Filter(bool status, bool department) =>
        SqlFilter.Where((status, "status = @Status"), (department, "department = @Department"));

    internal static string CountSql(bool status, bool department) => $"SELECT COUNT(*) FROM jobs WHERE {Filter(status, department)}";

    internal static string PageSql(SqlDialect dialect, bool status, bool department) =>
        $"SELECT {Job.SelectColumns} FROM jobs WHERE {Filter(status, department)} ORDER BY created_at DESC, id DESC {dialect.Paging}";

    public static void Map(RouteGroupBuilder jobs) =>
        jobs.MapGet("/", Handle)
            .WithName("ListJobs")
            .WithSummary("List jobs")
            .WithDescription($"Newest first. Filters: status (open, closed), department (exact). Page size at most {Paging.MaxPageSize}.")
            .RequireRoles(CandidatesApi.Readers)
            .ProducesValidationProblem();

    public static async Task<Results<Ok<PagedList<JobResponse>>, ValidationProblem>> Handle(
        [Vocabulary<JobStatus>] string? status, [MaxLength(Lengths.Department)] string? department, int? page, int? pageSize, Database database, CancellationToken cancellationToken)
    {
        var validation = new Validation().OneOf<JobStatus>("status", status, required: false);
        var (number, size, skip) = Paging.Normalize(page, pageSize, validation);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var parameters = new { Status = status, Department = department, Skip = skip, Take = size };
        await using var connection = await database.OpenAsync(cancellationToken);
        var (byStatus, byDepartment) = (status is not null, department is not null);
        var total = await connection.ExecuteScalarAsync<long>(CountSql(byStatus, byDepartment), parameters);
        var rows = await connection.QueryAsync<JobRow>(PageSql(database.Dialect, byStatus, byDepartment), parameters);
        return TypedResults.Ok(new PagedList<JobResponse>(rows.Select(row => row.ToResponse()).ToList(), number, size, total));
    }
}
