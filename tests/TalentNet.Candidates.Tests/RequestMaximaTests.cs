using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TalentNet.Candidates.Tests;

/// <summary>No single request may hold SQLite's one writer for long: every collection has a maximum checked before any write.</summary>
public sealed class RequestMaximaTests(CandidatesApp app) : IClassFixture<CandidatesApp>
{
    public static TheoryData<string> Collections => ["externalIds", "tags"];

    [Theory]
    [MemberData(nameof(Collections))]
    public async Task A_50000_item_collection_is_400_and_a_normal_write_at_the_same_time_finishes_within_a_second(string field)
    {
        // A first write pays for JIT and connection set-up; the claim is about contention, not a cold start.
        var warmUp = await app.Recruiter.PostAsJsonAsync("/api/candidates", new { fullName = "Warm Up", email = $"warm.{Guid.NewGuid():N}@example.org" });
        Assert.Equal(HttpStatusCode.Created, warmUp.StatusCode);
        object items = field == "tags"
            ? Enumerable.Range(0, 50_000).Select(i => $"t{i}").ToArray()
            : Enumerable.Range(0, 50_000).ToDictionary(i => $"s{i}", i => $"i{i}");
        var abusive = app.Recruiter.PostAsJsonAsync("/api/candidates", new Dictionary<string, object>
        {
            ["fullName"] = "Many Items",
            ["email"] = $"many.{Guid.NewGuid():N}@example.org",
            [field] = items,
        });

        var clock = Stopwatch.StartNew();
        var normal = await app.Recruiter.PostAsJsonAsync("/api/candidates", new { fullName = "Normal Write", email = $"normal.{Guid.NewGuid():N}@example.org" });
        var normalTook = clock.Elapsed;
        var refused = await abusive;

        Assert.Equal(HttpStatusCode.Created, normal.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), errors.ToString());
        Assert.True(errors.EnumerateObject().Count() <= 5, "the refusal names the count, not 50,000 entries");
        Assert.True(normalTook < TimeSpan.FromSeconds(1), $"the normal write took {normalTook.TotalMilliseconds:F0} ms");
    }
}
