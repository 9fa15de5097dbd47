using Dapper;
using TalentNet.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Contracts;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Alumni.Features.Alumni;

/// <summary>GET /api/alumni/{id}/timeline: what happened to the alumnus, oldest first.</summary>
public static class GetTimeline
{
    /// <summary>One entry; Source says who made the change where that is kept (consent changes).</summary>
    public sealed record Entry(string Kind, string Detail, DateTimeOffset OccurredAt, ChangeSource? Source);

    /// <summary>What a caller without the need to know reads instead of entries that name why someone left, HR's notes, a decline reason or a legal hold.</summary>
    private static readonly Dictionary<string, string> ForOthers = new(StringComparer.Ordinal)
    {
        [SetLegalHold.TimelineKind] = "HR reviewed the record (details for HR).",
        ["departed"] = "Left the company (details for HR).",
        ["departed-again"] = "Left the company again (details for HR).",
        ["departure-corrected"] = "The departure was corrected (details for HR).",
        ["eligibility-overridden"] = "HR reviewed the rehire eligibility (details for HR).",
        ["recommendation-declined"] = "The former manager declined (details for HR).",
    };

    /// <summary>Kinds whose very name would tell such a caller what the detail hides.</summary>
    private static readonly Dictionary<string, string> KindForOthers = new(StringComparer.Ordinal) { [SetLegalHold.TimelineKind] = "record-reviewed" };

    internal const string CountSql = "SELECT COUNT(*) FROM timeline WHERE alumnus_id = @Id";

    /// <summary>The alumnus's whole timeline, oldest first (paged by <see cref="PageSql"/>).</summary>
    internal const string AllSql = "SELECT kind AS Kind, detail AS Detail, occurred_at AS OccurredAt, source AS Source FROM timeline WHERE alumnus_id = @Id ORDER BY id";

    internal static string PageSql(SqlDialect dialect) => $"{AllSql} {dialect.Paging}";

    internal sealed class TimelineRow
    {
        public string Kind { get; init; } = "";
        public string Detail { get; init; } = "";
        public DateTimeOffset OccurredAt { get; init; }
        public string? Source { get; init; }

        public Entry ToEntry(string? shownKind = null, string? shownDetail = null) =>
            new(shownKind ?? Kind, shownDetail ?? Detail, OccurredAt, Source is null ? null : Wire<ChangeSource>.Parse(Source));
    }

    public static void Map(RouteGroupBuilder alumni) =>
        alumni.MapGet("/{id:guid}/timeline", Handle)
            .WithName("GetAlumnusTimeline")
            .WithSummary("The alumnus's timeline: departure, recommendation, referrals, applications, return")
            .ReadsSensitiveData(http => http.SeesPersonnelDetails())
            .WithDescription($"Oldest first; page size at most {Paging.MaxPageSize}. Entries about why someone left, HR's eligibility notes and decline reasons read in full for hr and admin only.")
            .RequireRoles(AlumniApi.Readers)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<PagedList<Entry>>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, int? page, int? pageSize, Database database, HttpContext http, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var (number, size, skip) = Paging.Normalize(page, pageSize, validation);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        if (await Alumnus.FindAsync(connection, id) is null)
        {
            return ApiProblems.NotFound("Alumnus", id);
        }

        var parameters = new { Id = id, Skip = skip, Take = size };
        var total = await connection.ExecuteScalarAsync<long>(CountSql, parameters);
        var rows = await connection.QueryAsync<TimelineRow>(PageSql(database.Dialect), parameters);
        var seesAll = http.SeesPersonnelDetails();
        return TypedResults.Ok(new PagedList<Entry>(rows.Select(row => seesAll ? row.ToEntry() : row.ToEntry(KindForOthers.GetValueOrDefault(row.Kind), ForOthers.GetValueOrDefault(row.Kind))).ToList(), number, size, total));
    }
}
