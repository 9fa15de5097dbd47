using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TalentNet.Candidates.Features.Jobs;
using TalentNet.Contracts;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Candidates.Features.TrackingLinks;

/// <summary>GET /api/jobs/{id}/tracking-links: which post worked — clicks, applications, hires, and what its campaign cost per hire.</summary>
public static class ListTrackingLinks
{
    public sealed record CampaignCost(decimal? Spend, long Hires, decimal? CostPerHire);

    public sealed record TrackingLinkReturn(TrackingLink.Response Link, long Clicks, long UniqueVisitors, long Applications, long Hires, CampaignCost Campaign);

    public sealed record TrackingLinkReturns(Guid JobId, string Currency, IReadOnlyList<TrackingLinkReturn> Links);

    internal static readonly string LinksSql =
        """
        SELECT token AS Token, job_id AS JobId, channel AS Channel, campaign AS Campaign, shared_by AS SharedBy, created_by AS CreatedBy, created_at AS CreatedAt
        FROM tracking_links WHERE job_id = @JobId ORDER BY created_at, token
        """;

    internal const string ClicksSql =
        "SELECT token AS Token, SUM(clicks) AS Clicks, SUM(visitors) AS Visitors FROM tracking_link_days WHERE token IN @Tokens GROUP BY token";

    internal const string ApplicationsSql =
        """
        SELECT tracking_token AS Token, COUNT(*) AS Applications, SUM(CASE WHEN hired_at IS NULL THEN 0 ELSE 1 END) AS Hires
        FROM applications WHERE tracking_token IN @Tokens GROUP BY tracking_token
        """;

    internal const string CampaignSpendSql =
        "SELECT channel AS Channel, campaign AS Campaign, SUM(amount) AS Amount FROM channel_spend WHERE channel IN @Channels GROUP BY channel, campaign";

    internal const string CampaignHiresSql =
        """
        SELECT channel AS Channel, COALESCE(campaign, '') AS Campaign, COUNT(*) AS Hires
        FROM applications WHERE hired_at IS NOT NULL AND channel IN @Channels GROUP BY channel, COALESCE(campaign, '')
        """;

    public static void Map(RouteGroupBuilder jobs) =>
        jobs.MapGet("/{id:guid}/tracking-links", Handle)
            .WithName("ListTrackingLinks")
            .WithSummary("List a job's tracking links with what each brought")
            .WithDescription("Per link: clicks and unique visitors (per day, counted by GET /r/{token}), applications and hires made through it, and its campaign's spend (all months, channel spend), hires and cost per hire, in the reporting currency.")
            .RequireRoles(CandidatesApi.Readers)
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<TrackingLinkReturns>, ProblemHttpResult>> Handle(
        Guid id, Database database, IOptions<ReportingOptions> reporting, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (await Job.FindAsync(connection, id) is null)
        {
            return ApiProblems.NotFound("Job", id);
        }

        var links = (await connection.QueryAsync<TrackingLink.Row>(LinksSql, new { JobId = id })).ToList();
        var tokens = links.Select(link => link.Token).ToList();
        var channels = links.Select(link => link.Channel).Distinct().ToList();
        var clicks = (await connection.QueryAsync<(string Token, long Clicks, long Visitors)>(ClicksSql, new { Tokens = tokens })).ToDictionary(row => row.Token);
        var made = (await connection.QueryAsync<(string Token, long Applications, long Hires)>(ApplicationsSql, new { Tokens = tokens })).ToDictionary(row => row.Token);
        var spend = (await connection.QueryAsync<SpendRow>(CampaignSpendSql, new { Channels = channels })).ToDictionary(row => (row.Channel, row.Campaign), row => row.Amount.Amount);
        var hires = (await connection.QueryAsync<(string Channel, string Campaign, long Hires)>(CampaignHiresSql, new { Channels = channels }))
            .ToDictionary(row => (row.Channel, row.Campaign), row => row.Hires);
        var items = links.Select(link =>
        {
            var campaignKey = (link.Channel, link.Campaign ?? "");
            decimal? cost = spend.TryGetValue(campaignKey, out var amount) ? amount : null;
            var campaignHires = hires.GetValueOrDefault(campaignKey);
            return new TrackingLinkReturn(
                link.ToResponse(), clicks.GetValueOrDefault(link.Token).Clicks, clicks.GetValueOrDefault(link.Token).Visitors,
                made.GetValueOrDefault(link.Token).Applications, made.GetValueOrDefault(link.Token).Hires,
                new CampaignCost(cost, campaignHires, cost is { } total && campaignHires > 0 ? decimal.Round(total / campaignHires, 2, MidpointRounding.ToEven) : null));
        }).ToList();
        return TypedResults.Ok(new TrackingLinkReturns(id, reporting.Value.Currency, items));
    }

    private sealed class SpendRow
    {
        public string Channel { get; init; } = "";
        public string Campaign { get; init; } = "";
        public Money Amount { get; init; }
    }
}
