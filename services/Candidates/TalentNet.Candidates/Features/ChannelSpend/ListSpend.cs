using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Contracts;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.OpenApi;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Candidates.Features.ChannelSpend;

/// <summary>GET /api/channel-spend?from=&amp;to=&amp;channel=&amp;campaign=: recorded spend, newest month first.</summary>
public static class ListSpend
{
    private static string Filter(bool from, bool to, bool channel, bool campaign) => SqlFilter.Where(
        (from, "month >= @From"), (to, "month <= @To"), (channel, "channel = @Channel"), (campaign, "campaign = @Campaign"));

    internal static string CountSql(bool from, bool to, bool channel, bool campaign) =>
        $"SELECT COUNT(*) FROM channel_spend WHERE {Filter(from, to, channel, campaign)}";

    internal static string PageSql(SqlDialect dialect, bool from, bool to, bool channel, bool campaign) =>
        $"SELECT {ChannelSpend.SelectColumns} FROM channel_spend WHERE {Filter(from, to, channel, campaign)} ORDER BY month DESC, channel, campaign, id {dialect.Paging}";

    public static void Map(RouteGroupBuilder spend) =>
        spend.MapGet("/", Handle)
            .WithName("ListChannelSpend")
            .WithSummary("List recorded spend")
            .WithDescription($"from and to are months (YYYY-MM, inclusive). Newest month first; page size at most {Paging.MaxPageSize}.")
            .RequireRoles(CandidatesApi.SpendWriters)
            .ProducesValidationProblem();

    public static async Task<Results<Ok<PagedList<ChannelSpend.Response>>, ValidationProblem>> Handle(
        [MaxLength(Lengths.Month)] string? from, [MaxLength(Lengths.Month)] string? to, [Vocabulary<Channel>] string? channel, [MaxLength(Lengths.Campaign)] string? campaign, int? page, int? pageSize,
        Database database, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Check(from is null || ChannelSpend.TryParseMonth(from, out _), "from", "A month as YYYY-MM.")
            .Check(to is null || ChannelSpend.TryParseMonth(to, out _), "to", "A month as YYYY-MM.")
            .Check(from is null || to is null || string.CompareOrdinal(from, to) <= 0, "to", "Must not be before from.")
            .OneOf<Channel>("channel", channel, required: false);
        var (number, size, skip) = Paging.Normalize(page, pageSize, validation);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var parameters = new { From = from, To = to, Channel = channel, Campaign = campaign?.Trim(), Skip = skip, Take = size };
        var switches = (from is not null, to is not null, channel is not null, campaign is not null);
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(CountSql(switches.Item1, switches.Item2, switches.Item3, switches.Item4), parameters);
        var rows = await connection.QueryAsync<ChannelSpend.Row>(PageSql(database.Dialect, switches.Item1, switches.Item2, switches.Item3, switches.Item4), parameters);
        return TypedResults.Ok(new PagedList<ChannelSpend.Response>(rows.Select(row => row.ToResponse()).ToList(), number, size, total));
    }
}
