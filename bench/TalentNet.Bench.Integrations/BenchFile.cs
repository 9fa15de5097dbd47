using System.Globalization;
using System.Text;

namespace TalentNet.Bench.Integrations;

/// <summary>An ATS export: every row a new person (ids and emails start with <c>people</c>), channels and stages mixed, history over a year.</summary>
public static class BenchFile
{
    private static readonly string[] Channels = ["linkedin", "facebook", "job-board", "employee-referral", "careers-site", "x"];
    private static readonly string[] Stages = ["", "screening", "interview", "offer", "rejected"];

    public static async Task WriteAsync(string path, int rows, Guid job, string people)
    {
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        await writer.WriteLineAsync("externalSystem,externalId,fullName,email,jobId,channel,campaign,appliedAt,stage,stageChangedAt");
        var start = new DateTimeOffset(2025, 12, 1, 8, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < rows; i++)
        {
            var applied = start.AddMinutes(i * 3.0);
            var stage = Stages[i % Stages.Length];
            var moved = stage.Length == 0 ? "" : applied.AddDays(5).ToString("O", CultureInfo.InvariantCulture);
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"bench-ats,{people}{i},\"Person {people}{i}, Bench\",person{people}{i}@bench.example,{job},{Channels[i % Channels.Length]},campaign-{i % 7},{applied:O},{stage},{moved}"));
        }
    }
}
