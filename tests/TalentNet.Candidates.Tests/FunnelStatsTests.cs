using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TalentNet.Candidates;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.Testing;

namespace TalentNet.Candidates.Tests;

/// <summary>
/// The funnel over a scripted data set; the expected numbers are computed here from the scripts,
/// not by the service's own query.
/// </summary>
public sealed class FunnelStatsTests
{
    private static readonly string[] DefaultStages = ["sourced", "contacted", "screening", "interview", "offer", "hired"];

    /// <summary>An application's life: channel, campaign, the stages it passes through, days until each move.</summary>
    private sealed record Script(string Channel, string? SharedBy, string? Campaign, string[] Path, int DaysPerMove = 5);

    private static readonly Script[] Scripts =
    [
        new("linkedin", "ola@acme.example", "autumn", ["contacted", "screening", "interview", "offer", "hired"], 2),   // hired after 10 days
        new("linkedin", "ola@acme.example", "autumn", ["screening", "interview", "rejected"]),
        new("linkedin", "eva@acme.example", "autumn", ["interview", "offer", "hired"], 10),                           // hired after 30 days
        new("linkedin", null, null, ["contacted"]),
        new("linkedin", null, null, []),
        new("facebook", null, null, ["contacted", "screening", "withdrawn"]),
        new("facebook", null, null, ["hired"], 20),                                                                     // hired after 20 days
        new("alumni-referral", null, null, ["screening", "contacted"]),                                               // moved back: still reached screening
    ];

    [Fact]
    public async Task Funnel_per_channel_and_tracking_link_matches_the_scripted_applications()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var host = new ServiceHost<CandidatesProgram>(TestDatabase.NewPath("funnel"), null,
            services: services => services.AddSingleton<TimeProvider>(clock));
        var client = host.CreateClient().As(Roles.Recruiter);
        var department = $"Funnel-{Guid.NewGuid():N}";
        var job = await CreateJob(client, department);

        var links = new Dictionary<(string?, string?), string>();
        var start = clock.GetUtcNow();
        var moves = new List<(DateTimeOffset At, Guid Application, string Stage)>();
        foreach (var script in Scripts)
        {
            var candidate = await Answer.CreatedAsync(await client.PostAsJsonAsync("/api/candidates", new { fullName = "C", email = $"{Guid.NewGuid():N}@x.example" }));
            object body;
            if (script.SharedBy is not null)
            {
                if (!links.TryGetValue((script.SharedBy, script.Campaign), out var token))
                {
                    var link = await Answer.CreatedAsync(await client.PostAsJsonAsync($"/api/jobs/{job}/tracking-links", new { channel = script.Channel, campaign = script.Campaign, sharedBy = script.SharedBy }));
                    links[(script.SharedBy, script.Campaign)] = token = link.Str("token");
                }

                body = new { candidateId = candidate.Id(), jobId = job, trackingToken = token };
            }
            else
            {
                body = new { candidateId = candidate.Id(), jobId = job, source = new { channel = script.Channel } };
            }

            var application = await Answer.CreatedAsync(await client.PostAsJsonAsync("/api/applications", body));
            moves.AddRange(script.Path.Select((stage, index) => (start.AddDays((index + 1) * script.DaysPerMove), application.Id(), stage)));
        }

        // Every application opened at the same instant; the moves then happen in time order.
        foreach (var (at, application, stage) in moves.OrderBy(move => move.At))
        {
            clock.SetUtcNow(at);
            await Answer.OkAsync(await client.PostAsJsonAsync($"/api/applications/{application}/stage", new { stage, reason = "scripted", rejectionReason = stage == "rejected" ? "not-qualified" : null }));
        }

        // An application outside the window must not count.
        clock.SetUtcNow(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));
        var late = await Answer.CreatedAsync(await client.PostAsJsonAsync("/api/candidates", new { fullName = "Late", email = $"{Guid.NewGuid():N}@x.example" }));
        await Answer.CreatedAsync(await client.PostAsJsonAsync("/api/applications", new { candidateId = late.Id(), jobId = job, source = new { channel = "linkedin" } }));

        var funnel = await Answer.OkAsync(await client.GetAsync($"/api/stats/funnel?from=2026-03-01&to=2026-03-31&department={department}"));

        foreach (var channel in Scripts.Select(s => s.Channel).Distinct())
        {
            var expected = Expected(Scripts.Where(s => s.Channel == channel).ToList());
            var actual = funnel.GetProperty("channels").EnumerateArray().Single(c => c.Str("channel") == channel);
            AssertFunnel(channel, expected, actual);
        }

        foreach (var ((sharedBy, campaign), _) in links)
        {
            var expected = Expected(Scripts.Where(s => s.SharedBy == sharedBy && s.Campaign == campaign).ToList());
            var actual = funnel.GetProperty("trackingLinks").EnumerateArray().Single(l => l.Str("sharedBy") == sharedBy);
            AssertFunnel($"link {sharedBy}", expected, actual);
        }

        Assert.Equal(links.Count, funnel.GetProperty("trackingLinks").GetArrayLength());
    }

    private sealed record Expectation(long Applications, Dictionary<string, long> Reached, long Hires, double? MedianDays);

    private static Expectation Expected(List<Script> scripts)
    {
        var reached = new Dictionary<string, long>();
        foreach (var script in scripts)
        {
            var furthest = script.Path.Select(stage => Array.IndexOf(DefaultStages, stage)).Append(0).Max();
            foreach (var stage in DefaultStages.Take(furthest + 1))
            {
                reached[stage] = reached.GetValueOrDefault(stage) + 1;
            }
        }

        var days = scripts.Where(s => s.Path.Contains("hired")).Select(s => (double)(Array.IndexOf(s.Path, "hired") + 1) * s.DaysPerMove).Order().ToList();
        double? median = days.Count == 0 ? null : days.Count % 2 == 1 ? days[days.Count / 2] : (days[(days.Count / 2) - 1] + days[days.Count / 2]) / 2;
        return new Expectation(scripts.Count, reached, days.Count, median);
    }

    private static void AssertFunnel(string name, Expectation expected, JsonElement actual)
    {
        Assert.True(expected.Applications == actual.GetProperty("applications").GetInt64(), $"{name}: applications");
        Assert.True(expected.Hires == actual.GetProperty("hires").GetInt64(), $"{name}: hires");
        var median = actual.GetProperty("medianDaysToHire");
        Assert.Equal(expected.MedianDays, median.ValueKind == JsonValueKind.Null ? null : median.GetDouble());
        var stages = actual.GetProperty("stages").EnumerateArray().ToList();
        Assert.Equal(expected.Reached.Keys, stages.Select(s => s.Str("stage")));
        long? previous = null;
        foreach (var stage in stages)
        {
            var reached = expected.Reached[stage.Str("stage")];
            Assert.True(reached == stage.GetProperty("reached").GetInt64(), $"{name}: reached {stage.Str("stage")}");
            var conversion = stage.GetProperty("conversionFromPrevious");
            if (previous is null)
            {
                Assert.Equal(JsonValueKind.Null, conversion.ValueKind);
            }
            else
            {
                Assert.Equal(Math.Round((double)reached / previous.Value, 4), conversion.GetDouble(), 4);
            }

            previous = reached;
        }
    }

    private static async Task<Guid> CreateJob(HttpClient client, string department)
    {
        var job = await Answer.CreatedAsync(await client.PostAsJsonAsync("/api/jobs",
            new { title = "Funnel job", department, hiringManagerEmail = "ola@acme.example" }));
        return job.Id();
    }
}
