using System.Net.Http.Json;
using System.Text.Json;
using TalentNet.ServiceDefaults.Auth;

namespace TalentNet.Candidates.Tests;

/// <summary>Time in stage: each application's stays, and the funnel's median per channel and stage, checked against the scripted times.</summary>
public sealed class TimeInStageTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Stays_are_shown_per_application_and_their_median_per_channel_and_stage()
    {
        await using var host = new ServiceHost<CandidatesProgram>(TestDatabase.NewPath("time-in-stage"), null);
        var admin = host.CreateClient().As(Roles.Admin);
        var job = (await Answer.CreatedAsync(await admin.PostAsJsonAsync("/api/jobs", new { title = "T", department = "D", hiringManagerEmail = "m@acme.example" }))).Id();

        // Days after Start for each move, per application: (channel, [(stage, day), …]).
        (string Channel, (string Stage, double Day)[] Moves)[] script =
        [
            ("linkedin", [("screening", 1), ("interview", 4)]),
            ("linkedin", [("screening", 2), ("interview", 7)]),
            ("linkedin", [("screening", 4)]),
            ("facebook", [("rejected", 10)]),
        ];
        JsonElement first = default;
        foreach (var (channel, moves) in script)
        {
            var candidate = (await Answer.CreatedAsync(await admin.PostAsJsonAsync("/api/candidates", new { fullName = "C", email = $"{Guid.NewGuid():N}@x.example" }))).Id();
            var application = await Answer.CreatedAsync(await admin.PostAsJsonAsync("/api/applications", new
            {
                candidateId = candidate, jobId = job, source = new { channel }, appliedAt = Start,
            }));
            foreach (var (stage, day) in moves)
            {
                await Answer.OkAsync(await admin.PostAsJsonAsync($"/api/applications/{application.Id()}/stage", new
                {
                    stage, occurredAt = Start.AddDays(day), reason = stage == "rejected" ? "not a fit" : null, rejectionReason = stage == "rejected" ? "salary" : null,
                }));
            }

            first = first.ValueKind == JsonValueKind.Undefined ? await Answer.OkAsync(await admin.GetAsync($"/api/applications/{application.Id()}")) : first;
        }

        var stays = first.GetProperty("stages").EnumerateArray().Select(stay => (stay.Str("stage"), stay.GetProperty("days").ValueKind == JsonValueKind.Null ? (double?)null : stay.GetProperty("days").GetDouble())).ToList();
        Assert.Equal([("sourced", 1.0), ("screening", 3.0), ("interview", (double?)null)], stays);

        // Independently: the stays that ended, by channel and stage, and their medians.
        var expected = script
            .SelectMany(application => application.Moves.Select((move, index) => (
                application.Channel,
                Stage: index == 0 ? "sourced" : application.Moves[index - 1].Stage,
                Days: move.Day - (index == 0 ? 0 : application.Moves[index - 1].Day))))
            .GroupBy(stay => (stay.Channel, stay.Stage))
            .ToDictionary(group => group.Key, group => (Count: group.Count(), Median: Median(group.Select(stay => stay.Days).ToList())));
        var funnel = await Answer.OkAsync(await admin.GetAsync($"/api/stats/funnel?jobId={job}"));
        var actual = funnel.GetProperty("channels").EnumerateArray()
            .SelectMany(channel => channel.GetProperty("timeInStage").EnumerateArray().Select(stage => (
                Key: (channel.Str("channel"), stage.Str("stage")),
                Value: (Count: stage.GetProperty("stays").GetInt32(), Median: stage.GetProperty("medianDays").GetDouble()))))
            .ToDictionary(pair => pair.Key, pair => pair.Value);
        Assert.Equal(expected.OrderBy(pair => pair.Key), actual.OrderBy(pair => pair.Key));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2;
    }
}
