using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace TalentNet.Testing;

/// <summary>Checks a JSON value against a JSON schema, formats included, and says where it breaks.</summary>
public static class SchemaCheck
{
    /// <summary>Null when the value matches; else each failing location with its errors.</summary>
    public static string? Failures(JsonNode schema, JsonNode value)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var result = JsonSchema.FromText(schema.ToJsonString())
            .Evaluate(JsonSerializer.SerializeToElement(value), new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        return result.IsValid
            ? null
            : string.Join("; ", (result.Details ?? []).Where(detail => detail.Errors is { Count: > 0 })
                .Select(detail => $"{detail.InstanceLocation}: {string.Join(", ", detail.Errors!.Values)}"));
    }
}
