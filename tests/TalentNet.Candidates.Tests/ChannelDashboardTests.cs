using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.Testing;

namespace TalentNet.Candidates.Tests;

/// <summary>
/// The social-channel section of the HR dashboard over history recorded with past times; the
/// expected numbers are worked out here from the script, not by the service.
/// </summary>
public sealed class ChannelDashboardTests
{
    private static readonly DateTimeOffset March = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Channel, campaign, whether through a tracking link, the stages passed, days after applying of the last move.</summary>
    private sealed record Script(string Channel, string? Campaign, bool Linked, string[] Path, int Days);

    private static readonly Script[] Scripts =
    [
        new("linkedin", "autumn", true, ["screening", "interview", "offer", "hired"], 12),
        new("linkedin", "autumn", true, ["screening", "rejected"], 4),
        new("linkedin", "autumn", false, ["interview", "hired"], 30),
        new("linkedin", null, false, [], 0),
        new("facebook", null, false, ["contacted", "hired"], 20),
        new("facebook", null, false, ["contacted"], 3),
    ];

    [Fact]
    public async Task Channels_campaigns_trend_costs_and_top_links_match_the_scripted_history()
    {
        await using var host = new ServiceHost<CandidatesProgram>(TestDatabase.NewPath("channel-dashboard"), null);
        var admin = host.CreateClient().As(Roles.Admin);
        var department = $"Sales-{Guid.NewGuid():N}"[..20];
        var job = (await Answer.CreatedAsync(await admin.PostAsJsonAsync("/api/jobs", new
        {
            title = "Account Manager", department, location = "Bergen", skills = new[] { "sales" }, hiringManagerEmail = "mgr@acme.example",
        }))).Id();
        var link = (await Answer.CreatedAsync(await admin.PostAsJsonAsync($"/api/jobs/{job}/tracking-links",
            new { channel = "linkedin", campaign = "autumn", sharedBy = "eva@acme.example" }))).Str("token");
        await Record(admin, job, link, Scripts);
        await Answer.CreatedAsync(await admin.PostAsJsonAsync("/api/channel-spend", new { channel = "linkedin", campaign = "autumn", month = "2026-03", amount = 9000m, currency = "NOK" }));
        await Answer.CreatedAsync(await admin.PostAsJsonAsync("/api/channel-spend", new { channel = "facebook", month = "2026-04", amount = 1000m, currency = "NOK" }));

        var hr = host.CreateClient().As(Roles.Hr);
        var dashboard = await Answer.OkAsync(await hr.GetAsync("/api/dashboard?from=2026-03&to=2026-05"));
        var linkedin = Row(dashboard, "channels", "linkedin");
        Assert.Equal((4L, 2L, 21.0), (linkedin.GetProperty("applications").GetInt64(), linkedin.GetProperty("hires").GetInt64(), linkedin.GetProperty("medianDaysToHire").GetDouble()));
        Assert.Equal((9000m, 2250m, 4500m), (linkedin.GetProperty("spend").GetDecimal(), linkedin.GetProperty("costPerApplication").GetDecimal(), linkedin.GetProperty("costPerHire").GetDecimal()));
        Assert.Equal(
            [("sourced", 4L), ("contacted", 3L), ("screening", 3L), ("interview", 2L), ("offer", 2L), ("hired", 2L)],
            linkedin.GetProperty("stages").EnumerateArray().Select(stage => (stage.Str("stage"), stage.GetProperty("reached").GetInt64())));
        var facebook = Row(dashboard, "channels", "facebook");
        Assert.Equal((2L, 1L, 20.0, 500m), (facebook.GetProperty("applications").GetInt64(), facebook.GetProperty("hires").GetInt64(),
            facebook.GetProperty("medianDaysToHire").GetDouble(), facebook.GetProperty("costPerApplication").GetDecimal()));
        var autumn = dashboard.GetProperty("campaigns").EnumerateArray().Single(row => row.Str("campaign") == "autumn");
        Assert.Equal((3L, 2L, 3000m), (autumn.GetProperty("applications").GetInt64(), autumn.GetProperty("hires").GetInt64(), autumn.GetProperty("costPerApplication").GetDecimal()));

        var trend = dashboard.GetProperty("trend").EnumerateArray().Where(row => row.Str("channel") == "linkedin")
            .Select(row => (row.Str("month"), row.GetProperty("applications").GetInt64(), row.GetProperty("hires").GetInt64()));
        Assert.Equal([("2026-03", 4L, 1L), ("2026-04", 0L, 1L), ("2026-05", 0L, 0L)], trend);
        var top = Assert.Single(dashboard.GetProperty("topLinks").EnumerateArray());
        Assert.Equal((link, "eva@acme.example", 2L, 1L), (top.Str("token"), top.Str("sharedBy"), top.GetProperty("applications").GetInt64(), top.GetProperty("hires").GetInt64()));
        Assert.Contains(department, dashboard.GetProperty("departments").EnumerateArray().Select(item => item.GetString()));

        var filtered = await Answer.OkAsync(await hr.GetAsync($"/api/dashboard?from=2026-03&to=2026-05&department={department}"));
        Assert.Equal(4L, Row(filtered, "channels", "linkedin").GetProperty("applications").GetInt64());
        Assert.Equal(JsonValueKind.Null, Row(filtered, "channels", "linkedin").GetProperty("spend").ValueKind);
        var elsewhere = await Answer.OkAsync(await hr.GetAsync("/api/dashboard?from=2026-03&to=2026-05&department=Nowhere"));
        Assert.Equal(0, elsewhere.GetProperty("channels").GetArrayLength());
        var april = await Answer.OkAsync(await hr.GetAsync("/api/dashboard?from=2026-04&to=2026-04"));
        Assert.Equal((0L, 1L), (Row(april, "channels", "linkedin").GetProperty("applications").GetInt64(), Row(april, "channels", "linkedin").GetProperty("hires").GetInt64()));

        // The migration that builds the counts for data recorded before they were kept gives the same counts.
        await TallyRebuild.AssertRebuildsAsync(host.Services, typeof(CandidatesProgram).Assembly, "0006_dashboard_tallies.sql");
    }

    [Theory]
    [InlineData("from=2026-13", "from")]
    [InlineData("from=2026-05&to=2026-03", "to")]
    [InlineData("from=2020-01&to=2026-12", "to")]
    public async Task Bad_windows_are_400(string query, string field)
    {
        await using var host = new ServiceHost<CandidatesProgram>(TestDatabase.NewPath("channel-dashboard-bad"), null);
        var problem = await Answer.ProblemAsync(await host.CreateClient().As(Roles.Hr).GetAsync($"/api/dashboard?{query}"), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Only_integration_and_admin_record_history_and_it_stays_in_the_past_and_in_order()
    {
        await using var host = new ServiceHost<CandidatesProgram>(TestDatabase.NewPath("history-path"), null);
        var recruiter = host.CreateClient().As(Roles.Recruiter);
        var admin = host.CreateClient().As(Roles.Admin);
        var job = (await Answer.CreatedAsync(await admin.PostAsJsonAsync("/api/jobs", new
        {
            title = "Tester", department = "QA", location = "Oslo", skills = new[] { "testing" }, hiringManagerEmail = "mgr@acme.example",
        }))).Id();
        var candidate = (await Answer.CreatedAsync(await admin.PostAsJsonAsync("/api/candidates", new { fullName = "C", email = $"{Guid.NewGuid():N}@x.example" }))).Id();
        var past = DateTimeOffset.UtcNow.AddDays(-30);
        var body = new { candidateId = candidate, jobId = job, source = new { channel = "linkedin" }, appliedAt = past };

        await Answer.ProblemAsync(await recruiter.PostAsJsonAsync("/api/applications", body), HttpStatusCode.Forbidden);
        await Answer.ProblemAsync(await admin.PostAsJsonAsync("/api/applications", body with { appliedAt = DateTimeOffset.UtcNow.AddDays(2) }), HttpStatusCode.BadRequest);
        var application = await Answer.CreatedAsync(await admin.PostAsJsonAsync("/api/applications", body));
        Assert.Equal(past, application.GetProperty("createdAt").GetDateTimeOffset());

        var stage = $"/api/applications/{application.Id()}/stage";
        await Answer.ProblemAsync(await recruiter.PostAsJsonAsync(stage, new { stage = "contacted", occurredAt = past.AddDays(1) }), HttpStatusCode.Forbidden);
        await Answer.ProblemAsync(await admin.PostAsJsonAsync(stage, new { stage = "contacted", occurredAt = past.AddDays(-1) }), HttpStatusCode.BadRequest);
        var moved = await Answer.OkAsync(await admin.PostAsJsonAsync(stage, new { stage = "contacted", occurredAt = past.AddDays(1) }));
        Assert.Equal(past.AddDays(1), moved.GetProperty("history")[1].GetProperty("changedAt").GetDateTimeOffset());
        await Answer.OkAsync(await recruiter.PostAsJsonAsync(stage, new { stage = "screening" }));
    }

    private static async Task Record(HttpClient admin, Guid job, string link, IEnumerable<Script> scripts)
    {
        foreach (var script in scripts)
        {
            var candidate = await Answer.CreatedAsync(await admin.PostAsJsonAsync("/api/candidates", new { fullName = "C", email = $"{Guid.NewGuid():N}@x.example" }));
            object body = script.Linked
                ? new { candidateId = candidate.Id(), jobId = job, trackingToken = link, appliedAt = March }
                : new { candidateId = candidate.Id(), jobId = job, source = new { channel = script.Channel, campaign = script.Campaign }, appliedAt = March };
            var application = await Answer.CreatedAsync(await admin.PostAsJsonAsync("/api/applications", body));
            for (var index = 0; index < script.Path.Length; index++)
            {
                var at = March.AddDays(script.Days * (index + 1.0) / script.Path.Length);
                await Answer.OkAsync(await admin.PostAsJsonAsync($"/api/applications/{application.Id()}/stage", new { stage = script.Path[index], occurredAt = at, rejectionReason = script.Path[index] == "rejected" ? "salary" : null }));
            }
        }
    }

    private static JsonElement Row(JsonElement dashboard, string section, string channel) =>
        dashboard.GetProperty(section).EnumerateArray().Single(row => row.Str("channel") == channel);
}
