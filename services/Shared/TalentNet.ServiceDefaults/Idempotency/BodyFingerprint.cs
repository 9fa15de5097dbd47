using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TalentNet.ServiceDefaults.Idempotency;

/// <summary>
/// The fingerprint an idempotent write compares a retry with. It is taken over a canonical form of
/// the body: members in ordinal order, and members that only say "the default" (null, false, an
/// empty list or object) left out. A field added in a later release is optional and defaults, so
/// a retry of a body recorded before the release still has the fingerprint it had.
/// </summary>
public static class BodyFingerprint
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Of<TBody>(TBody body) => Of(JsonSerializer.SerializeToNode(body, Json));

    /// <summary>The fingerprint of a body stored as JSON text, whatever release wrote it.</summary>
    public static string OfJson(string json) => Of(JsonNode.Parse(json));

    private static string Of(JsonNode? body) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(body)?.ToJsonString() ?? "null")));

    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj
            .Select(member => KeyValuePair.Create(member.Key, Canonical(member.Value)))
            .Where(member => !SaysDefault(member.Value))
            .OrderBy(member => member.Key, StringComparer.Ordinal)),
        JsonArray array => new JsonArray([.. array.Select(Canonical)]),
        null => null,
        _ => node.DeepClone(),
    };

    private static bool SaysDefault(JsonNode? value) => value switch
    {
        null => true,
        JsonObject obj => obj.Count == 0,
        JsonArray array => array.Count == 0,
        JsonValue scalar => scalar.GetValueKind() == JsonValueKind.False,
        _ => false,
    };
}
