using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace TalentNet.Platform.Tests;

/// <summary>One operation of an OpenAPI document: its route template, parameters and request body schema.</summary>
internal sealed record FuzzOperation(string Method, string Path, IReadOnlyList<JsonNode> Parameters, JsonNode? Body, IReadOnlyList<string> ContentTypes);

/// <summary>Builds odd and hostile requests from an OpenAPI 3.1 document (schemas resolved through their $ref).</summary>
internal sealed class RequestFuzzer(JsonNode document, Random random)
{
    private static readonly string[] OddStrings =
    [
        "", " ", "null", "0", "-1", "1e309", "99999999999999999999", "NaN", "true", "[]", "{}", "\"", "'", "\\", "%", "%00", "\0",
        "../../etc/passwd", "' OR '1'='1", "'; DROP TABLE jobs; --", "<script>alert(1)</script>", "${jndi:ldap://x}", "\u202Eevil",
        "\uD800", "😀👩‍👩‍👧", "Ωmega", "a\r\nSet-Cookie: x=1", "00000000-0000-0000-0000-000000000000", "2026-13-45", "2026-02-30T25:61:00Z",
        "-2147483649", "2147483648", "9223372036854775808", "linkedin", "LinkedIn", "http://127.0.0.1/", "javascript:alert(1)", "@@@",
    ];

    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    public IEnumerable<FuzzOperation> Operations()
    {
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var method in Methods)
            {
                if (item![method] is not JsonObject operation)
                {
                    continue;
                }

                var parameters = (operation["parameters"]?.AsArray() ?? []).Select(parameter => Resolve(parameter!)).ToList();
                var content = operation["requestBody"] is { } body ? Resolve(body)["content"]?.AsObject() : null;
                var contentTypes = content?.Select(pair => pair.Key).ToList() ?? [];
                var schema = content?.Select(pair => pair.Value?["schema"]).FirstOrDefault(found => found is not null);
                yield return new FuzzOperation(method.ToUpperInvariant(), path, parameters, schema is null ? null : Resolve(schema), contentTypes);
            }
        }
    }

    /// <summary>About twenty requests for one operation: plausible ones, and ones broken in one place at a time.</summary>
    public IEnumerable<HttpRequestMessage> Requests(FuzzOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        for (var i = 0; i < 4; i++)
        {
            yield return Build(operation, Plausible, BodyKind.Plausible);
        }

        for (var i = 0; i < 6; i++)
        {
            yield return Build(operation, Hostile, BodyKind.Plausible);
        }

        foreach (var kind in new[] { BodyKind.Long, BodyKind.Long, BodyKind.Long, BodyKind.Long, BodyKind.Mutated, BodyKind.Mutated, BodyKind.Mutated, BodyKind.Mutated, BodyKind.Malformed, BodyKind.Malformed, BodyKind.WrongType, BodyKind.Empty, BodyKind.Huge })
        {
            yield return Build(operation, Plausible, kind);
        }
    }

    private enum BodyKind
    {
        Plausible,
        Mutated,
        Malformed,
        WrongType,
        Empty,
        Huge,
        Long,
    }

    private HttpRequestMessage Build(FuzzOperation operation, Func<JsonNode?, string> parameterValue, BodyKind bodyKind)
    {
        var path = operation.Path;
        var query = new List<string>();
        var headers = new List<(string, string)>();
        foreach (var parameter in operation.Parameters)
        {
            var name = parameter["name"]!.GetValue<string>();
            var value = parameterValue(parameter["schema"] is { } schema ? Resolve(schema) : null);
            switch (parameter["in"]?.GetValue<string>())
            {
                case "path":
                    // A NUL in the path never reaches the application: the server refuses the request line (400).
                    value = value.Replace("\0", "", StringComparison.Ordinal).Replace("%00", "%25", StringComparison.Ordinal);
                    path = path.Replace($"{{{name}}}", Uri.EscapeDataString(value.Length == 0 ? "x" : value), StringComparison.Ordinal);
                    break;
                case "query" when random.Next(4) > 0:
                    query.Add($"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}");
                    break;
                case "header" when IsHeaderSafe(value):
                    headers.Add((name, value));
                    break;
            }
        }

        var request = new HttpRequestMessage(new HttpMethod(operation.Method), path + (query.Count > 0 ? "?" + string.Join('&', query) : ""));
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (random.Next(6) == 0)
        {
            request.Headers.TryAddWithoutValidation("If-Match", Pick(["\"1\"", "*", "W/\"x\"", "\"99999999999999999999\"", "garbage"]));
        }

        if (operation.ContentTypes.Count > 0 || bodyKind == BodyKind.WrongType)
        {
            request.Content = Body(operation, bodyKind);
        }

        return request;
    }

    private StringContent Body(FuzzOperation operation, BodyKind kind)
    {
        var contentType = operation.ContentTypes.Count == 0 ? "application/json" : Pick(operation.ContentTypes);
        if (!contentType.Contains("json", StringComparison.Ordinal))
        {
            // CSV and NDJSON imports: rows of odd cells, quotes left open, binary junk.
            var lines = Enumerable.Range(0, random.Next(1, 30)).Select(_ => string.Join(',', Enumerable.Range(0, random.Next(1, 15)).Select(_ => Hostile(null))));
            var text = kind == BodyKind.Malformed ? "\"unterminated,\u0001\u0002" + new string('"', 50) : string.Join('\n', lines);
            return new StringContent(text, Encoding.UTF8, contentType);
        }

        return kind switch
        {
            BodyKind.Plausible => Json(Value(operation.Body, depth: 0, hostile: false)?.ToJsonString() ?? "{}"),
            BodyKind.Mutated => Json(Mutate(Value(operation.Body, depth: 0, hostile: false)).ToJsonString()),
            BodyKind.Long => Json(Lengthen(Value(operation.Body, depth: 0, hostile: false)).ToJsonString()),
            BodyKind.Malformed => Json(Pick(["{", "[", "{\"a\":", "{'single': 'quotes'}", "nul", "{\"a\":1,}", new string('[', 5_000) + new string(']', 5_000), "\"\\uD800\"", "{\"a\":\"\u0000\"}"])),
            BodyKind.WrongType => new StringContent("<xml>not json</xml>", Encoding.UTF8, Pick(["application/xml", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data"])),
            BodyKind.Empty => Json(Pick(["", "null", "[]", "0", "\"text\"", "{}"])),
            _ => Json(Huge(operation.Body)),
        };
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    /// <summary>A 200 kB string in every string field, a 50,000-item array in every array field.</summary>
    private string Huge(JsonNode? schema)
    {
        var value = Value(schema, depth: 0, hostile: false);
        if (value is not JsonObject body)
        {
            return $"[{string.Join(',', Enumerable.Repeat("\"x\"", 50_000))}]";
        }

        foreach (var key in body.Select(pair => pair.Key).ToList())
        {
            body[key] = body[key] switch
            {
                JsonArray => new JsonArray([.. Enumerable.Range(0, 50_000).Select(i => (JsonNode)JsonValue.Create($"item-{i}"))]),
                _ => JsonValue.Create(new string('x', 200_000)),
            };
        }

        return body.ToJsonString();
    }

    /// <summary>
    /// One free-text field of a plausible body just past a common column length: what validation
    /// lets through must fit the column (the test hosts' SQLite enforces SQL Server's lengths).
    /// </summary>
    private JsonNode Lengthen(JsonNode? value)
    {
        if (value is not JsonObject body)
        {
            return value ?? new JsonObject();
        }

        var texts = body.Where(pair => pair.Value is JsonValue text && text.TryGetValue<string>(out var s) && !s.Contains('@', StringComparison.Ordinal)
                                       && !s.StartsWith("http", StringComparison.Ordinal) && !Guid.TryParse(s, out _) && !DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, out _))
            .Select(pair => pair.Key).ToList();
        if (texts.Count > 0)
        {
            body[Pick(texts)] = JsonValue.Create(new string('l', Pick([21, 51, 101, 201, 256, 501, 1001, 2001, 4001])));
        }

        return body;
    }

    /// <summary>One field of a plausible body changed to the wrong kind of value.</summary>
    private JsonNode Mutate(JsonNode? value)
    {
        if (value is not JsonObject body || body.Count == 0)
        {
            return JsonValue.Create(Pick(OddStrings))!;
        }

        var key = Pick(body.Select(pair => pair.Key).ToList());
        body[key] = random.Next(8) switch
        {
            0 => null,
            1 => JsonValue.Create(Pick(OddStrings)),
            2 => JsonValue.Create(random.Next(2) == 0 ? long.MaxValue : -1),
            3 => JsonValue.Create(1.5e308),
            4 => new JsonArray(JsonValue.Create(1), JsonValue.Create("x")),
            5 => new JsonObject { ["nested"] = new JsonObject { ["deeper"] = JsonValue.Create(true) } },
            6 => JsonValue.Create(true),
            _ => JsonValue.Create(new string('ä', random.Next(100, 5_000))),
        };
        if (random.Next(3) == 0)
        {
            body[$"unknown{random.Next(100)}"] = JsonValue.Create("extra");
        }

        return body;
    }

    private string Plausible(JsonNode? schema) => Value(schema, depth: 0, hostile: false)?.ToJsonString().Trim('"') ?? "x";

    private string Hostile(JsonNode? schema) => random.Next(3) == 0 ? Plausible(schema) : Pick(OddStrings);

    private JsonNode? Value(JsonNode? schema, int depth, bool hostile)
    {
        if (schema is null || depth > 6)
        {
            return null;
        }

        schema = Resolve(schema);
        if (schema["enum"] is JsonArray values && values.Count > 0)
        {
            return values[random.Next(values.Count)]?.DeepClone();
        }

        if ((schema["oneOf"] ?? schema["anyOf"] ?? schema["allOf"]) is JsonArray options)
        {
            var choices = options.Where(option => Type(Resolve(option!)) != "null").ToList();
            return choices.Count == 0 ? null : Value(choices[random.Next(choices.Count)], depth + 1, hostile);
        }

        return Type(schema) switch
        {
            "object" => Object(schema, depth, hostile),
            "array" => new JsonArray([.. Enumerable.Range(0, random.Next(0, 4)).Select(_ => Value(schema["items"], depth + 1, hostile))]),
            "integer" => JsonValue.Create(Pick([0, 1, 2, 25, 100, random.Next(1, 1000)])),
            "number" => JsonValue.Create(Math.Round(random.NextDouble() * 1000, 2)),
            "boolean" => JsonValue.Create(random.Next(2) == 0),
            "string" => JsonValue.Create(String(schema)),
            _ => null,
        };
    }

    private JsonObject Object(JsonNode schema, int depth, bool hostile)
    {
        var body = new JsonObject();
        var required = (schema["required"]?.AsArray() ?? []).Select(name => name!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
        {
            if (required.Contains(name) || random.Next(3) > 0)
            {
                body[name] = Value(property, depth + 1, hostile);
            }
        }

        return body;
    }

    private string String(JsonNode schema) => schema["format"]?.GetValue<string>() switch
    {
        "uuid" => Guid.NewGuid().ToString(),
        "date-time" => DateTimeOffset.UtcNow.AddDays(-random.Next(0, 400)).ToString("O", CultureInfo.InvariantCulture),
        "date" => DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-random.Next(0, 400))).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        "email" => $"fuzz{random.Next(1000)}@example.org",
        "uri" => $"https://example.org/{random.Next(1000)}",
        _ => Pick(["Backend Developer", "Engineering", "fuzz@example.org", "https://www.linkedin.com/in/fuzz", "csharp", "Oslo", "2026-11-01", Guid.NewGuid().ToString()]),
    };

    private static string? Type(JsonNode schema) => schema["type"] switch
    {
        JsonArray types => types.Select(type => type!.GetValue<string>()).FirstOrDefault(type => type != "null") ?? "null",
        JsonValue type => type.GetValue<string>(),
        _ => schema["properties"] is not null ? "object" : null,
    };

    private JsonNode Resolve(JsonNode node)
    {
        for (var hops = 0; hops < 10 && node["$ref"]?.GetValue<string>() is { } reference; hops++)
        {
            var target = reference.TrimStart('#', '/').Split('/').Aggregate((JsonNode?)document, (current, segment) => current?[segment]);
            node = target ?? throw new InvalidOperationException($"Unresolved {reference}");
        }

        return node;
    }

    private static bool IsHeaderSafe(string value) => value.All(character => character is >= ' ' and <= '~');

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
