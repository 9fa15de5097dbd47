using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Candidates.Features.Applications;
using TalentNet.Contracts;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.OpenApi;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Candidates.Features.Candidates;

/// <summary>GET /api/candidates?search=&amp;tag=&amp;channel=&amp;updatedSince=&amp;page=&amp;pageSize=.</summary>
public static class ListCandidates
{
    public static void Map(RouteGroupBuilder candidates) =>
        candidates.MapGet("/", Handle)
            .WithName("ListCandidates")
            .WithSummary("Search candidates")
            .WithDescription($"search matches name or any of the addresses (case-insensitive); tag is exact; channel lists candidates with an application from that channel; updatedSince lists those changed at or after that instant ({Paging.UpdatedSinceAdvice}). Merged duplicates are not listed (CandidatesMerged says where they went). Newest first; page size at most {Paging.MaxPageSize}.")
            .RequireRoles(CandidatesApi.Readers)
            .ProducesValidationProblem();

    private static string Filter(bool search, bool tag, bool channel, bool updatedSince) => SqlFilter.Where(
        (true, "merged_into IS NULL"),
        (search, "(lower(full_name) LIKE @Pattern OR EXISTS (SELECT 1 FROM candidate_emails e WHERE e.candidate_id = candidates.id AND e.email LIKE @Pattern))"),
        (updatedSince, "updated_at >= @UpdatedSince"),
        (tag, "EXISTS (SELECT 1 FROM candidate_tags t WHERE t.candidate_id = candidates.id AND t.tag = @Tag)"),
        (channel, "EXISTS (SELECT 1 FROM applications a WHERE a.candidate_id = candidates.id AND a.channel = @Channel)"));

    internal static string CountSql(bool search, bool tag, bool channel, bool updatedSince) =>
        $"SELECT COUNT(*) FROM candidates WHERE {Filter(search, tag, channel, updatedSince)}";

    internal static string PageSql(SqlDialect dialect, bool search, bool tag, bool channel, bool updatedSince) =>
        $"SELECT {Candidate.SelectColumns} FROM candidates WHERE {Filter(search, tag, channel, updatedSince)} ORDER BY created_at DESC, id DESC {dialect.Paging}";

    public static async Task<Results<Ok<PagedList<CandidateResponse>>, ValidationProblem>> Handle(
        [MaxLength(Lengths.Name)] string? search, [MaxLength(Lengths.Tag)] string? tag, [Vocabulary<Channel>] string? channel, int? page, int? pageSize, DateTimeOffset? updatedSince, Database database, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .MaxLength("search", search, 200)
            .OneOf<Channel>("channel", channel, required: false);
        var (number, size, skip) = Paging.Normalize(page, pageSize, validation);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var term = string.IsNullOrWhiteSpace(search) ? null : search.Trim().ToLowerInvariant();
        var parameters = new
        {
            Search = term,
            Pattern = term is null ? null : $"%{Escape(term)}%",
            Tag = string.IsNullOrWhiteSpace(tag) ? null : tag.Trim().ToLowerInvariant(),
            Channel = channel,
            UpdatedSince = updatedSince?.ToUniversalTime(),
            Skip = skip,
            Take = size,
        };
        await using var connection = await database.OpenAsync(cancellationToken);
        var (bySearch, byTag, byChannel, bySince) = (parameters.Search is not null, parameters.Tag is not null, channel is not null, updatedSince is not null);
        var total = await connection.ExecuteScalarAsync<long>(CountSql(bySearch, byTag, byChannel, bySince), parameters);
        var rows = await connection.QueryAsync<CandidateRow>(PageSql(database.Dialect, bySearch, byTag, byChannel, bySince), parameters);
        return TypedResults.Ok(new PagedList<CandidateResponse>(rows.Select(row => row.ToResponse()).ToList(), number, size, total));
    }

    /// <summary>LIKE wildcards in the search term match themselves.</summary>
    private static string Escape(string term) => term.Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
}
