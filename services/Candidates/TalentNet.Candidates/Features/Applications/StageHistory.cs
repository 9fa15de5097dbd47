using System.Text.Json;
using System.Text.Json.Serialization;

namespace TalentNet.Candidates.Features.Applications;

/// <summary>
/// An application's stage history as stored on its row: a JSON array, oldest change first, in the
/// same shape the API answers with. The whole history is rewritten under the row's version check.
/// </summary>
public static class StageHistory
{
    public static IReadOnlyList<StageChange> Read(string json) =>
        JsonSerializer.Deserialize(json, StageHistoryJson.Default.ListStageChange) ?? [];

    public static string Write(IReadOnlyList<StageChange> history) =>
        JsonSerializer.Serialize(history as List<StageChange> ?? [.. history], StageHistoryJson.Default.ListStageChange);

    /// <summary>Each stay in a stage, in order: when the application entered it and when it left (null while it is there, or in a final stage).</summary>
    public static IReadOnlyList<StageSpan> Spans(IReadOnlyList<StageChange> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return history.Select((change, index) => new StageSpan(change.To, change.ChangedAt, index + 1 < history.Count ? history[index + 1].ChangedAt : null)).ToList();
    }
}

/// <summary>One stay in a stage; <see cref="Days"/> is how long it lasted (null while it lasts).</summary>
public sealed record StageSpan(string Stage, DateTimeOffset EnteredAt, DateTimeOffset? LeftAt)
{
    public double? Days => LeftAt is { } left ? Math.Round((left - EnteredAt).TotalDays, 2) : null;
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(List<StageChange>))]
internal sealed partial class StageHistoryJson : JsonSerializerContext;
