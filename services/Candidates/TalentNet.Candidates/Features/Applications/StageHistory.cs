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

    public static string Write(List<StageChange> history) =>
        JsonSerializer.Serialize(history, StageHistoryJson.Default.ListStageChange);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(List<StageChange>))]
internal sealed partial class StageHistoryJson : JsonSerializerContext;
