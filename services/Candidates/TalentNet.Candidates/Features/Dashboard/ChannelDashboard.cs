using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TalentNet.Contracts;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Candidates.Features.Dashboard;

/// <summary>
/// GET /api/dashboard?from=YYYY-MM&amp;to=YYYY-MM&amp;department=: the social-channel section of the HR
/// dashboard, read from the counts kept with every application write and from the spend table
/// (never from the applications themselves).
/// </summary>
public static class ChannelDashboard
{
    public sealed record StageReached(string Stage, long Reached);

    /// <summary>One channel, or one campaign of a channel (<see cref="Campaign"/> null for the channel as a whole or no campaign).</summary>
    public sealed record ChannelReturn(
        Channel Channel, string? Campaign, long Applications, IReadOnlyList<StageReached> Stages, long Hires, double? MedianDaysToHire,
        decimal? Spend, decimal? CostPerApplication, decimal? CostPerHire);

    public sealed record ChannelMonth(string Month, Channel Channel, long Applications, long Hires);

    public sealed record LinkReturn(string Token, Channel Channel, string? Campaign, string? SharedBy, long Applications, long Hires);

    public sealed record Response(
        string From, string To, string? Department, string Currency, IReadOnlyList<string> Departments,
        IReadOnlyList<ChannelReturn> Channels, IReadOnlyList<ChannelReturn> Campaigns, IReadOnlyList<ChannelMonth> Trend,
        IReadOnlyList<LinkReturn> TopLinks);

    public const int TopLinkCount = 10;

    internal const string SpendSql =
        """
        SELECT channel AS Channel, campaign AS Campaign, SUM(amount) AS Amount
        FROM channel_spend WHERE month >= @From AND month <= @To GROUP BY channel, campaign
        """;

    internal const string JobDepartmentsSql = "SELECT department FROM jobs";

    internal const string LinksSql =
        "SELECT token AS Token, campaign AS Campaign, shared_by AS SharedBy FROM tracking_links WHERE token IN @Tokens";

    private static readonly string[] Summed =
        [nameof(ApplicationMetric.Applied), nameof(ApplicationMetric.Reached), nameof(ApplicationMetric.Hired), nameof(ApplicationMetric.LinkApplied), nameof(ApplicationMetric.LinkHired)];
    private static readonly string[] Monthly = [nameof(ApplicationMetric.Applied), nameof(ApplicationMetric.Hired)];

    private sealed class SpendRow
    {
        public string Channel { get; init; } = "";
        public string Campaign { get; init; } = "";
        public Money Amount { get; init; }
    }

    private sealed class LinkRow
    {
        public string Token { get; init; } = "";
        public string? Campaign { get; init; }
        public string? SharedBy { get; init; }
    }

    public static void Map(RouteGroupBuilder dashboard) =>
        dashboard.MapGet("/", Handle)
            .WithName("ChannelDashboard")
            .WithSummary("Return on each social channel and campaign")
            .WithDescription("Months are YYYY-MM, inclusive (default: the last 12), at most 36. Applications and stages reached count applications made in the window; hires and median days to hire count hires in it. Spend is per channel and campaign, not per department: with a department, or where no spend is recorded, spend and costs are null. Cost per application = spend / applications; cost per hire = spend / hires.")
            .RequireRoles(CandidatesApi.DashboardReaders)
            .ProducesValidationProblem();

    public static async Task<Results<Ok<Response>, ValidationProblem>> Handle(
        [MaxLength(Lengths.Month)] string? from, [MaxLength(Lengths.Month)] string? to, [MaxLength(Lengths.Department)] string? department, Database database, IOptions<ReportingOptions> reporting, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var validation = new Validation();
        if (DashboardFilter.Parse(from, to, department, clock.GetUtcNow(), validation) is not { } filter)
        {
            return validation.ToProblem();
        }

        (var window, department) = filter;
        await using var connection = await database.OpenAsync(cancellationToken);
        var summed = await Tallies.ReadAsync(connection, window.From, window.To, department, Summed, byMonth: false);
        var monthly = (await Tallies.ReadAsync(connection, window.From, window.To, department, Monthly, byMonth: true, channelOnly: true))
            .ToDictionary(row => (row.Metric, row.Month, row.Channel), row => row.Total);
        var spend = department is null
            ? (await connection.QueryAsync<SpendRow>(SpendSql, new { window.From, window.To })).ToList()
            : null;
        var topLinks = summed.Where(row => row.Metric == nameof(ApplicationMetric.LinkHired))
            .GroupBy(row => (row.Label, row.Channel))
            .Select(link => (link.Key.Label, link.Key.Channel, Hires: link.Sum(row => row.Total)))
            .OrderByDescending(link => link.Hires).ThenBy(link => link.Label, StringComparer.Ordinal)
            .Take(TopLinkCount)
            .ToList();
        var links = topLinks.Count == 0
            ? new Dictionary<string, LinkRow>()
            : (await connection.QueryAsync<LinkRow>(LinksSql, new { Tokens = topLinks.Select(link => link.Label).ToList() })).ToDictionary(link => link.Token);
        var departments = await Tallies.DepartmentsAsync(connection, also: JobDepartmentsSql);

        // Each channel and each campaign summed once from the counts of its own key.
        var funnel = summed.Where(row => row.Metric is nameof(ApplicationMetric.Applied) or nameof(ApplicationMetric.Reached) or nameof(ApplicationMetric.Hired)).ToList();
        var spent = spend?.ToLookup(row => (row.Channel, row.Campaign));
        var channels = funnel.GroupBy(row => row.Channel)
            .Select(channel => Summarize(channel.Key, null, channel, spent?.Where(group => group.Key.Channel == channel.Key).SelectMany(group => group)))
            .OrderByDescending(row => row.Applications).ThenBy(row => row.Channel.ToWire(), StringComparer.Ordinal)
            .ToList();
        var campaigns = funnel.GroupBy(row => (row.Channel, row.Campaign))
            .Select(campaign => Summarize(campaign.Key.Channel, campaign.Key.Campaign, campaign, spent?[campaign.Key]))
            .OrderByDescending(row => row.Applications).ThenBy(row => row.Channel.ToWire(), StringComparer.Ordinal).ThenBy(row => row.Campaign, StringComparer.Ordinal)
            .ToList();
        var trend = window.Months
            .SelectMany(month => channels.Select(channel => new ChannelMonth(
                month, channel.Channel,
                monthly.GetValueOrDefault((nameof(ApplicationMetric.Applied), month, channel.Channel.ToWire())),
                monthly.GetValueOrDefault((nameof(ApplicationMetric.Hired), month, channel.Channel.ToWire())))))
            .ToList();
        var linkApplications = summed.Where(row => row.Metric == nameof(ApplicationMetric.LinkApplied))
            .GroupBy(row => row.Label).ToDictionary(group => group.Key, group => group.Sum(row => row.Total));
        var top = topLinks.Select(link => new LinkReturn(
                link.Label, Wire<Channel>.Parse(link.Channel), links.GetValueOrDefault(link.Label)?.Campaign, links.GetValueOrDefault(link.Label)?.SharedBy,
                linkApplications.GetValueOrDefault(link.Label), link.Hires))
            .ToList();
        return TypedResults.Ok(new Response(
            window.From, window.To, department, reporting.Value.Currency, departments, channels, campaigns, trend, top));
    }

    private static ChannelReturn Summarize(string channel, string? campaign, IEnumerable<TallyRow> counts, IEnumerable<SpendRow>? spend)
    {
        var rows = counts.ToLookup(row => row.Metric);
        var applications = rows[nameof(ApplicationMetric.Applied)].Sum(row => row.Total);
        var stages = rows[nameof(ApplicationMetric.Reached)]
            .GroupBy(row => row.Label)
            .OrderBy(stage => stage.Min(row => row.Value)).ThenBy(stage => stage.Key, StringComparer.Ordinal)
            .Select(stage => new StageReached(stage.Key, stage.Sum(row => row.Total)))
            .ToList();
        var hires = rows[nameof(ApplicationMetric.Hired)].ToList();
        var hireCount = hires.Sum(row => row.Total);
        var paid = spend?.ToList();
        decimal? cost = paid is { Count: > 0 } ? paid.Sum(row => row.Amount.Amount) : null;
        return new ChannelReturn(
            Wire<Channel>.Parse(channel), campaign is null or "" ? null : campaign, applications, stages, hireCount,
            Tallies.Median(hires.Select(row => (row.Value, row.Total))),
            cost, PerUnit(cost, applications), PerUnit(cost, hireCount));
    }

    private static decimal? PerUnit(decimal? cost, long count) =>
        cost is { } amount && count > 0 ? decimal.Round(amount / count, 2, MidpointRounding.ToEven) : null;
}
