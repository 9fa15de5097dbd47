using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TalentNet.Testing;

namespace TalentNet.Recommendations.Tests;

/// <summary>Recommendation statistics over a scripted set on the fake clock.</summary>
public sealed class StatsTests(RecommendationsHost host) : IClassFixture<RecommendationsHost>
{
    [Fact]
    public async Task Coverage_days_to_give_published_share_decline_reasons_and_overdue_match_the_script()
    {
        var ola = "ola.hansen@acme.example";
        var eva = $"eva.{Guid.NewGuid():N}@acme.example";
        var given = RecommendationsHost.Departed(manager: ola, department: "Engineering");
        var declined = RecommendationsHost.Departed(manager: ola, department: "Engineering");
        var ignored = RecommendationsHost.Departed(manager: eva, department: "Sales");
        await host.PublishAsync(given, declined, ignored);
        await host.WaitForInboxAsync([given, declined, ignored]);
        var givenId = (await host.RequestsForAsync(given.AlumnusId, 1))[0].GetProperty("id").GetGuid();
        var declinedId = (await host.RequestsForAsync(declined.AlumnusId, 1))[0].GetProperty("id").GetGuid();

        host.Clock.Advance(TimeSpan.FromDays(2));
        var manager = host.Manager(ola);
        Assert.Equal(HttpStatusCode.OK, (await manager.PostAsJsonAsync($"/api/recommendation-requests/{givenId}/give", new { text = "Great.", wouldRehire = true })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await manager.PostAsJsonAsync($"/api/recommendation-requests/{givenId}/publish", new { url = "https://www.linkedin.com/in/x/recommendations" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await manager.PostAsJsonAsync($"/api/recommendation-requests/{declinedId}/decline", new { reason = "did not work closely" })).StatusCode);
        host.Clock.Advance(TimeSpan.FromDays(30)); // every request is now past its due date

        var stats = await host.Hr.GetFromJsonAsync<JsonElement>("/api/stats");
        AssertCoverage(stats.GetProperty("overall"), 3, 1);
        AssertCoverage(stats.GetProperty("byManager").EnumerateArray().Single(m => m.GetProperty("key").GetString() == ola), 2, 1);
        AssertCoverage(stats.GetProperty("byManager").EnumerateArray().Single(m => m.GetProperty("key").GetString() == eva), 1, 0);
        AssertCoverage(stats.GetProperty("byDepartment").EnumerateArray().Single(d => d.GetProperty("key").GetString() == "Sales"), 1, 0);
        Assert.Equal(2.0, stats.GetProperty("medianDaysToGive").GetDouble(), 2);
        Assert.Equal(1.0, stats.GetProperty("publishedShare").GetDouble());
        Assert.Equal(1, stats.GetProperty("declineReasons").GetProperty("did not work closely").GetInt64());
        Assert.Equal(1, stats.GetProperty("overdue").GetInt64());

        var window = await host.Hr.GetFromJsonAsync<JsonElement>("/api/stats?from=2020-01-01&to=2020-12-31");
        AssertCoverage(window.GetProperty("overall"), 0, 0);

        // The dashboard reads counts kept with every change; it must say what the scans say.
        var dashboard = await host.Hr.GetFromJsonAsync<JsonElement>("/api/dashboard?from=2026-10&to=2026-10");
        AssertRate(dashboard.GetProperty("coverage"), 1, 3);
        AssertShare(dashboard.GetProperty("byManager"), ola, 1, 2);
        AssertShare(dashboard.GetProperty("byManager"), eva, 0, 1);
        AssertShare(dashboard.GetProperty("byDepartment"), "Sales", 0, 1);
        AssertShare(dashboard.GetProperty("byDepartment"), "Engineering", 1, 2);
        Assert.Equal(3.0, dashboard.GetProperty("medianDaysToGive").GetDouble()); // 31 Oct (last day) to 3 Nov 08:00
        AssertRate(dashboard.GetProperty("publishedShare"), 1, 1);
        Assert.Equal((1L, 1L, 1L, 0L), (dashboard.GetProperty("requests").GetProperty("requested").GetInt64(), dashboard.GetProperty("requests").GetProperty("given").GetInt64(),
            dashboard.GetProperty("requests").GetProperty("declined").GetInt64(), dashboard.GetProperty("requests").GetProperty("expired").GetInt64()));
        Assert.Equal(stats.GetProperty("overdue").GetInt64(), dashboard.GetProperty("overdue").GetInt64());
        var sales = await host.Hr.GetFromJsonAsync<JsonElement>("/api/dashboard?from=2026-10&to=2026-10&department=Sales");
        AssertRate(sales.GetProperty("coverage"), 0, 1);
        var earlier = await host.Hr.GetFromJsonAsync<JsonElement>("/api/dashboard?from=2026-01&to=2026-09");
        AssertRate(earlier.GetProperty("coverage"), 0, 0);
        Assert.Equal(JsonValueKind.Null, earlier.GetProperty("medianDaysToGive").ValueKind);

        await TallyRebuild.AssertRebuildsAsync(host.Host.Services, typeof(RecommendationsProgram).Assembly, "0004_dashboard_tallies.sql");
    }

    [Fact]
    public async Task Only_integration_and_admin_give_or_decline_with_a_past_time_on_or_after_the_last_day()
    {
        var departed = RecommendationsHost.Departed(lastDay: new DateOnly(2026, 9, 30));
        var other = RecommendationsHost.Departed(lastDay: new DateOnly(2026, 9, 30));
        await host.PublishAsync(departed, other);
        var id = (await host.RequestsForAsync(departed.AlumnusId, 1))[0].GetProperty("id").GetGuid();
        var otherId = (await host.RequestsForAsync(other.AlumnusId, 1))[0].GetProperty("id").GetGuid();
        var give = $"/api/recommendation-requests/{id}/give";
        var body = new { text = "Great.", wouldRehire = true, givenAt = new DateTimeOffset(2026, 10, 10, 12, 0, 0, TimeSpan.Zero) };

        Assert.Equal(HttpStatusCode.Forbidden, (await host.Manager(departed.ManagerEmail).PostAsJsonAsync(give, body)).StatusCode);
        var admin = host.As(TalentNet.ServiceDefaults.Auth.Roles.Admin);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync(give, body with { givenAt = new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero) })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync(give, body with { givenAt = host.Clock.GetUtcNow().AddDays(1) })).StatusCode);
        var given = await (await admin.PostAsJsonAsync(give, body)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(body.givenAt, given.GetProperty("givenAt").GetDateTimeOffset());
        Assert.Equal(new DateOnly(2026, 9, 30), DateOnly.Parse(given.GetProperty("lastDay").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        var declined = await admin.PostAsJsonAsync($"/api/recommendation-requests/{otherId}/decline", new { reason = "Moved on", declinedAt = body.givenAt });
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);

        var dashboard = await host.Hr.GetFromJsonAsync<JsonElement>("/api/dashboard?from=2026-09&to=2026-09");
        Assert.Equal(10.0, dashboard.GetProperty("medianDaysToGive").GetDouble());
    }

    private static void AssertRate(JsonElement rate, long count, long of) =>
        Assert.Equal((count, of), (rate.GetProperty("count").GetInt64(), rate.GetProperty("of").GetInt64()));

    private static void AssertShare(JsonElement coverages, string name, long given, long consented)
    {
        var coverage = coverages.EnumerateArray().Single(item => item.GetProperty("name").GetString() == name);
        Assert.Equal((given, consented), (coverage.GetProperty("given").GetInt64(), coverage.GetProperty("consented").GetInt64()));
    }

    private static void AssertCoverage(JsonElement coverage, long requested, long given) =>
        Assert.Equal((requested, given), (coverage.GetProperty("requested").GetInt64(), coverage.GetProperty("given").GetInt64()));
}
