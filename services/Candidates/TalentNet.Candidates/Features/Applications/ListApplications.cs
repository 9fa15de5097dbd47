using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Candidates.Features.Applications;

/// <summary>GET /api/applications?jobId=&amp;stage=&amp;channel=&amp;page=&amp;pageSize=.</summary>
public static class ListApplications
{
    public sealed record ApplicationSummary(
        Guid Id, Guid CandidateId, Guid JobId, string Stage, bool IsOpen, Source Source,
        DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? HiredAt, int Version);

    private const string Filter =
        "(@JobId IS NULL OR a.job_id = @JobId) AND (@Stage IS NULL OR a.stage = @Stage) AND (@Channel IS NULL OR a.channel = @Channel)";

    internal const string CountSql = $"SELECT COUNT(*) FROM applications a WHERE {Filter}";

    internal static string PageSql(SqlDialect dialect) =>
        $"SELECT {Application.SelectColumns} FROM applications a WHERE {Filter} ORDER BY a.created_at DESC, a.id DESC {dialect.Paging}";

    public static void Map(RouteGroupBuilder applications) =>
        applications.MapGet("/", Handle)
            .WithName("ListApplications")
            .WithSummary("List applications")
            .WithDescription($"Filters: jobId, stage (key), channel. Newest first; page size at most {Paging.MaxPageSize}. Items carry no history; read one application for it.")
            .RequireRoles(CandidatesApi.Readers)
            .ProducesValidationProblem();

    public static async Task<Results<Ok<PagedList<ApplicationSummary>>, ValidationProblem>> Handle(
        Guid? jobId, string? stage, string? channel, int? page, int? pageSize, Database database, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .OneOf("channel", channel, Application.Channels, required: false)
            .MaxLength("stage", stage, 50);
        var (number, size, skip) = Paging.Normalize(page, pageSize, validation);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var parameters = new { JobId = jobId, Stage = stage, Channel = channel, Skip = skip, Take = size };
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(CountSql, parameters);
        var rows = await connection.QueryAsync<ApplicationRow>(PageSql(database.Dialect), parameters);
        var items = rows
            .Select(row => new ApplicationSummary(row.Id, row.CandidateId, row.JobId, row.Stage, row.IsOpen == 1, row.Source, row.CreatedAt, row.UpdatedAt, row.HiredAt, row.Version))
            .ToList();
        return TypedResults.Ok(new PagedList<ApplicationSummary>(items, number, size, total));
    }
}
