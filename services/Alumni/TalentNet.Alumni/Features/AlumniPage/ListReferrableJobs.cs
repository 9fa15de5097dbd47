using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Alumni.Features.AlumniPage;

/// <summary>GET /api/alumni-page/open-jobs: the jobs the alumnus can refer someone for, by title.</summary>
public static class ListReferrableJobs
{
    public sealed record OpenJob(Guid JobId, string Title, string Department, string? Location);

    internal const string CountSql = "SELECT COUNT(*) FROM referrable_jobs WHERE closed_at IS NULL";

    internal static string PageSql(SqlDialect dialect) =>
        $"SELECT job_id AS JobId, title AS Title, department AS Department, location AS Location FROM referrable_jobs WHERE closed_at IS NULL ORDER BY title, job_id {dialect.Paging}";

    private sealed class Row
    {
        public Guid JobId { get; init; }
        public string Title { get; init; } = "";
        public string Department { get; init; } = "";
        public string? Location { get; init; }
    }

    public static void Map(RouteGroupBuilder page) =>
        page.MapGet("/open-jobs", Handle)
            .WithName("ListReferrableJobs")
            .WithSummary("The open jobs the alumnus can refer someone for")
            .WithDescription($"By title; page size at most {Paging.MaxPageSize}.")
            .ProducesValidationProblem();

    public static async Task<Results<Ok<PagedList<OpenJob>>, ValidationProblem>> Handle(int? page, int? pageSize, Database database, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var (number, size, skip) = Paging.Normalize(page, pageSize, validation);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var parameters = new { Skip = skip, Take = size };
        var total = await connection.ExecuteScalarAsync<long>(CountSql);
        var rows = await connection.QueryAsync<Row>(PageSql(database.Dialect), parameters);
        return TypedResults.Ok(new PagedList<OpenJob>(rows.Select(row => new OpenJob(row.JobId, row.Title, row.Department, row.Location)).ToList(), number, size, total));
    }
}
