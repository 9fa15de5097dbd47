using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Contracts;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.OpenApi;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Candidates.Features.Applications;

/// <summary>GET /api/applications?jobId=&amp;candidateId=&amp;updatedSince=&amp;stage=&amp;channel=&amp;pageSize=&amp;cursor=: newest first, keyset-paged.</summary>
public static class ListApplications
{
    public sealed record ApplicationSummary(
        Guid Id, Guid CandidateId, Guid JobId, string Stage, bool IsOpen, Source Source,
        DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? HiredAt, int Version);

    // What a summary shows, and nothing more: a page reads every column of fifty rows.
    private const string SummaryColumns =
        """
        a.id AS Id, a.candidate_id AS CandidateId, a.job_id AS JobId, a.stage AS Stage, a.is_open AS IsOpen, a.channel AS Channel,
        a.campaign AS Campaign, a.post_url AS PostUrl, a.shared_by AS SharedBy, a.referrer_kind AS ReferrerKind, a.referrer_id AS ReferrerId,
        a.referrer_email AS ReferrerEmail, a.tracking_token AS TrackingToken, a.created_at AS CreatedAt, a.updated_at AS UpdatedAt,
        a.hired_at AS HiredAt, a.version AS Version
        """;

    private static string Filter(bool job, bool candidate, bool stage, bool channel, bool updatedSince, bool after) => SqlFilter.Where(
        (job, "a.job_id = @JobId"), (candidate, "a.candidate_id = @CandidateId"), (stage, "a.stage = @Stage"), (channel, "a.channel = @Channel"),
        (updatedSince, "a.updated_at >= @UpdatedSince"),
        (after, "(a.created_at < @AfterCreatedAt OR (a.created_at = @AfterCreatedAt AND a.id < @AfterId))"));

    internal static string PageSql(SqlDialect dialect, bool job, bool candidate, bool stage, bool channel, bool updatedSince, bool after) =>
        dialect.Top(
            $"{SummaryColumns} FROM applications a",
            $"WHERE {Filter(job, candidate, stage, channel, updatedSince, after)} ORDER BY a.created_at DESC, a.id DESC",
            "@Take");

    public static void Map(RouteGroupBuilder applications) =>
        applications.MapGet("/", Handle)
            .WithName("ListApplications")
            .WithSummary("List applications")
            .WithDescription($"Filters: jobId, candidateId, stage (key), channel, updatedSince (changed at or after that instant; {Paging.UpdatedSinceAdvice}). Newest first; pageSize at most {Paging.MaxPageSize} (default {Paging.DefaultPageSize}); pass nextCursor back as cursor for the next page. Items carry no history; read one application for it.")
            .RequireRoles(CandidatesApi.Readers)
            .ProducesValidationProblem();

    public static async Task<Results<Ok<CursorPage<ApplicationSummary>>, ValidationProblem>> Handle(
        Guid? jobId, [MaxLength(Lengths.Stage)] string? stage, [Vocabulary<Channel>] string? channel, int? pageSize, [MaxLength(Cursor.MaxLength)] string? cursor, Guid? candidateId, DateTimeOffset? updatedSince,
        Database database, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .OneOf<Channel>("channel", channel, required: false)
            .MaxLength("stage", stage, 50);
        var (_, size, _) = Paging.Normalize(1, pageSize, validation);
        var after = Cursor.TryDecode(cursor, out var afterCreatedAt, out var afterId);
        validation.Check(cursor is null || after, "cursor", "Not a cursor this list returned.");
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var parameters = new
        {
            JobId = jobId, CandidateId = candidateId, Stage = stage, Channel = channel, UpdatedSince = updatedSince?.ToUniversalTime(),
            AfterCreatedAt = afterCreatedAt, AfterId = afterId, Take = size + 1,
        };
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<ApplicationRow>(
            PageSql(database.Dialect, jobId is not null, candidateId is not null, stage is not null, channel is not null, updatedSince is not null, after),
            parameters)).ToList();
        var items = rows.Take(size)
            .Select(row => new ApplicationSummary(row.Id, row.CandidateId, row.JobId, row.Stage, row.IsOpen == 1, row.Source, row.CreatedAt, row.UpdatedAt, row.HiredAt, row.Version))
            .ToList();
        var next = rows.Count > size ? Cursor.Encode(items[^1].CreatedAt, items[^1].Id) : null;
        return TypedResults.Ok(new CursorPage<ApplicationSummary>(items, next));
    }
}
