using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TalentNet.Gateway.Features.Dashboard;

/// <summary>
/// The dashboard's tables, each a list in the composed answer, as CSV (RFC 4180). A nested list
/// of stage counts becomes one column per stage; text that a spreadsheet would run as a formula is
/// quoted with a leading apostrophe.
/// </summary>
public static class DashboardTables
{
    /// <summary>Table name → section and list in the answer.</summary>
    private static readonly Dictionary<string, (string Section, string List)> Tables = new(StringComparer.Ordinal)
    {
        ["channels"] = ("channels", "channels"),
        ["campaigns"] = ("channels", "campaigns"),
        ["channel-trend"] = ("channels", "trend"),
        ["top-links"] = ("channels", "topLinks"),
        ["coverage-by-department"] = ("recommendations", "byDepartment"),
        ["coverage-by-manager"] = ("recommendations", "byManager"),
        ["requests"] = ("recommendations", "requests"),
        ["boomerang-trend"] = ("returns", "boomerangTrend"),
        ["return-by-recommendation"] = ("returns", "returnByRecommendation"),
    };

    public static IReadOnlyCollection<string> Names => Tables.Keys;

    public static string Csv(JsonObject dashboard, string table)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        var (section, list) = Tables[table];
        var rows = Rows(dashboard[section]![list]!).ToList();
        var columns = rows.SelectMany(row => row.Keys).Distinct(StringComparer.Ordinal).ToList();
        var csv = new StringBuilder();
        csv.AppendJoin(',', columns.Select(Field)).Append("\r\n");
        foreach (var row in rows)
        {
            csv.AppendJoin(',', columns.Select(column => Field(row.GetValueOrDefault(column) ?? ""))).Append("\r\n");
        }

        return csv.ToString();
    }

    /// <summary>A list of objects as rows; an object of counts (requests by status) as name/count rows.</summary>
    private static IEnumerable<Dictionary<string, string?>> Rows(JsonNode node) => node switch
    {
        JsonArray items => items.OfType<JsonObject>().Select(Flatten),
        JsonObject counts => counts.Select(pair => new Dictionary<string, string?> { ["status"] = pair.Key, ["count"] = Text(pair.Value) }),
        _ => [],
    };

    private static Dictionary<string, string?> Flatten(JsonObject item)
    {
        var row = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in item)
        {
            if (value is JsonArray nested && nested.All(element => element is JsonObject { Count: 2 }))
            {
                // [{ "stage": "interview", "reached": 3 }, …] → interview: 3
                foreach (var pair in nested.OfType<JsonObject>())
                {
                    var (key, count) = (pair.First().Value, pair.Last().Value);
                    row[$"{name}:{Text(key)}"] = Text(count);
                }
            }
            else if (value is JsonObject rate)
            {
                foreach (var (part, partValue) in rate)
                {
                    row[$"{name}.{part}"] = Text(partValue);
                }
            }
            else
            {
                row[name] = Text(value);
            }
        }

        return row;
    }

    private static string? Text(JsonNode? value) => value switch
    {
        null => null,
        JsonValue scalar when scalar.GetValueKind() == JsonValueKind.String => scalar.GetValue<string>(),
        JsonValue scalar when scalar.GetValueKind() == JsonValueKind.Number => scalar.ToJsonString(),
        JsonValue scalar => scalar.ToJsonString(),
        _ => value.ToJsonString(),
    };

    private static string Field(string? value)
    {
        value ??= "";
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal) && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
