using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

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
    }

    private static void AssertCoverage(JsonElement coverage, long requested, long given) =>
        Assert.Equal((requested, given), (coverage.GetProperty("requested").GetInt64(), coverage.GetProperty("given").GetInt64()));
}
