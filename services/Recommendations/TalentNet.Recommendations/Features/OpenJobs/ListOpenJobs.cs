using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Recommendations.Features.OpenJobs;

/// <summary>GET /api/open-jobs: the jobs this service knows to be open, as learnt from Candidates' events.</summary>
public static class ListOpenJobs
{
    public sealed record OpenJobResponse(Guid JobId, string Title, string Department, string? Location, IReadOnlyList<string> Skills, DateTimeOffset OpenedAt);

    private sealed class Row
    {
        public Guid JobId { get; init; }
        public string Title { get; init; } = "";
        public string Department { get; init; } = "";
        public string? Location { get; init; }
        public string Skills { get; init; } = "[]";
        public DateTimeOffset OpenedAt { get; init; }
    }

    internal const string CountSql = "SELECT COUNT(*) FROM open_jobs WHERE closed_at IS NULL";

    internal static string PageSql(SqlDialect dialect) =>
        $"""
        SELECT job_id AS JobId, title AS Title, department AS Department, location AS Location, skills AS Skills, opened_at AS OpenedAt
        FROM open_jobs WHERE closed_at IS NULL ORDER BY opened_at DESC, job_id {dialect.Paging}
        """;

    public static void Map(RouteGroupBuilder jobs) =>
        jobs.MapGet("/", Handle)
            .WithName("ListOpenJobs")
            .WithSummary("List the open jobs alumni can be matched against")
            .RequireRoles(RecommendationsApi.Readers)
            .ProducesValidationProblem();

    public static async Task<Results<Ok<PagedList<OpenJobResponse>>, ValidationProblem>> Handle(
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
        var rows = await connection.QueryAsync<Row>(PageSql(database.Dialect), new { Skip = skip, Take = size });
        var items = rows
            .Select(row => new OpenJobResponse(row.JobId, row.Title, row.Department, row.Location,
                JsonSerializer.Deserialize<List<string>>(row.Skills) ?? [], row.OpenedAt))
            .ToList();
        return TypedResults.Ok(new PagedList<OpenJobResponse>(items, number, size, total));
    }
}
