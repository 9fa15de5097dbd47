using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.Testing;

namespace TalentNet.Platform.Tests;

/// <summary>
/// Every string, array and map a client can send (bodies and query parameters) carries its maximum
/// in the service's own OpenAPI document, so an integrator knows the limit before hitting it.
/// </summary>
public sealed class RequestMaximaDocumentTests
{
    private static readonly HashSet<string> BoundedFormats = ["uuid", "date", "date-time", "int32", "int64", "double", "float", "duration"];

    [Theory]
    [MemberData(nameof(OpenApiFuzzTests.Services), MemberType = typeof(OpenApiFuzzTests))]
    public async Task Every_string_array_and_map_in_every_request_has_a_documented_maximum(string service)
    {
        using var host = OpenApiFuzzTests.Host(service);
        var document = JsonNode.Parse(await host.CreateClient().GetStringAsync("/swagger/v1/swagger.json"))!;

        var unbounded = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                foreach (var parameter in operation!["parameters"]?.AsArray() ?? [])
                {
                    var resolved = Resolve(document, parameter!);
                    Walk(document, resolved["schema"], $"{method} {path} ?{resolved["name"]}", unbounded, depth: 0);
                }

                foreach (var (mediaType, content) in operation["requestBody"] is { } body ? Resolve(document, body)["content"]!.AsObject() : [])
                {
                    if (mediaType != "application/json" && !mediaType.EndsWith("+json", StringComparison.Ordinal))
                    {
                        // A file (CSV, NDJSON) is bounded in bytes by the server, answered 413.
                        if (operation["responses"]?["413"] is null)
                        {
                            unbounded.Add($"{method} {path} ({mediaType}): a file without a documented 413");
                        }

                        continue;
                    }

                    Walk(document, content!["schema"], $"{method} {path} ({mediaType})", unbounded, depth: 0);
                }
            }
        }

        Assert.True(unbounded.Count == 0, $"{unbounded.Count} without a maximum:\n" + string.Join('\n', unbounded));
    }

    /// <summary>
    /// Each documented maximum holds: one past it is a 400 naming the field, before any lookup; at it,
    /// no length error (the document promises no more and no less than validation keeps). Merge
    /// patches are left to the services' own tests: they read the stored resource first.
    /// </summary>
    [Theory]
    [MemberData(nameof(OpenApiFuzzTests.Services), MemberType = typeof(OpenApiFuzzTests))]
    public async Task Every_documented_maximum_is_the_one_validation_enforces(string service)
    {
        using var host = OpenApiFuzzTests.Host(service);
        var document = JsonNode.Parse(await host.CreateClient().GetStringAsync("/swagger/v1/swagger.json"))!;
        var clients = new[] { Roles.Admin, Roles.Hr, Roles.Integration, Roles.Recruiter, Roles.Manager, Roles.CareersSite }
            .Select(role => host.CreateClient().As(role, "manager@example.org")).Prepend(host.CreateClient()).ToArray();

        var checkedLimits = 0;
        var wrong = new List<string>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var parameters = (operation!["parameters"]?.AsArray() ?? []).Select(parameter => Resolve(document, parameter!)).ToList();
                if (operation["x-session-cookie"] is not null)
                {
                    continue; // the alumnus's own page: a signed-in session first; the same filter guards it
                }

                var content = operation["requestBody"] is { } requestBody ? Resolve(document, requestBody)["content"]?.AsObject() : null;
                var body = content?["application/json"]?["schema"];
                var emptyBody = content?.Select(pair => pair.Key).FirstOrDefault(type => type.EndsWith("json", StringComparison.Ordinal)) is { } type
                    ? (type, (JsonNode)new JsonObject())
                    : ((string, JsonNode)?)null;
                var limits = new List<(string Field, Func<int, Request> Build, int Max)>();
                foreach (var parameter in parameters)
                {
                    if (Resolve(document, parameter["schema"]!)["maxLength"]?.GetValue<int>() is { } max)
                    {
                        var name = parameter["name"]!.GetValue<string>();
                        limits.Add((name, length => Request.For(parameters, (name, new string('7', length))) with { Body = emptyBody }, max));
                    }
                }

                foreach (var (field, value, max) in body is null ? [] : Limits(document, body, "", depth: 0))
                {
                    limits.Add((field, length => Request.For(parameters, null) with { Body = ("application/json", value(length)) }, max));
                }

                foreach (var (field, build, max) in limits)
                {
                    checkedLimits++;
                    var beyond = await SendAsync(clients, method, path, build(max + 1));
                    if (beyond.Status != HttpStatusCode.BadRequest || !beyond.Errors.ContainsKey(field))
                    {
                        wrong.Add($"{method} {path} {field}: {max + 1} is {(int)beyond.Status} [{string.Join(", ", beyond.Errors.Keys)}]");
                    }

                    var at = await SendAsync(clients, method, path, build(max));
                    if (at.Errors.TryGetValue(field, out var messages) && messages.Any(message => message.StartsWith("At most", StringComparison.Ordinal)))
                    {
                        wrong.Add($"{method} {path} {field}: {max} is refused ({string.Join(" ", messages)})");
                    }
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
        Assert.True(checkedLimits > 10, $"{checkedLimits} limits checked");
    }

    /// <summary>Every bounded field of a body schema, with a body holding that field at a given size.</summary>
    private static IEnumerable<(string Field, Func<int, JsonNode> Body, int Max)> Limits(JsonNode document, JsonNode schema, string prefix, int depth)
    {
        schema = Resolve(document, schema);
        if (depth > 6 || TypeOf(schema) != "object")
        {
            yield break;
        }

        foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
        {
            var resolved = Resolve(document, property!);
            var field = prefix + name;
            Func<Func<int, JsonNode>, Func<int, JsonNode>> wrap = inner => length => new JsonObject { [name] = inner(length) };
            if (resolved["maxLength"]?.GetValue<int>() is { } maxLength)
            {
                yield return (field, wrap(length => JsonValue.Create(new string('7', length))), maxLength);
            }

            if (resolved["maxItems"]?.GetValue<int>() is { } maxItems)
            {
                var items = Resolve(document, resolved["items"]!);
                yield return (field, wrap(count => new JsonArray([.. Enumerable.Range(0, count).Select(i => TypeOf(items) == "object" ? new JsonObject() : (JsonNode)JsonValue.Create($"i{i}"))])), maxItems);
                if (items["maxLength"]?.GetValue<int>() is { } itemLength)
                {
                    yield return ($"{field}[0]", wrap(length => new JsonArray(JsonValue.Create(new string('7', length)))), itemLength);
                }

                foreach (var (inner, value, max) in Limits(document, items, $"{field}[0].", depth + 1))
                {
                    yield return (inner, wrap(length => new JsonArray(value(length))), max);
                }
            }

            if (resolved["maxProperties"]?.GetValue<int>() is { } maxProperties)
            {
                yield return (field, wrap(count => new JsonObject(Enumerable.Range(0, count).Select(i => KeyValuePair.Create($"k{i}", (JsonNode?)JsonValue.Create("v"))))), maxProperties);
                if (Resolve(document, resolved["additionalProperties"]!)["maxLength"]?.GetValue<int>() is { } valueLength)
                {
                    yield return ($"{field}.k", wrap(length => new JsonObject { ["k"] = new string('7', length) }), valueLength);
                }
            }

            foreach (var (inner, value, max) in Limits(document, resolved, $"{field}.", depth + 1))
            {
                yield return (inner, wrap(value), max);
            }
        }
    }

    private static async Task<(HttpStatusCode Status, Dictionary<string, string[]> Errors)> SendAsync(HttpClient[] clients, string method, string path, Request request)
    {
        foreach (var client in clients)
        {
            using var message = new HttpRequestMessage(new HttpMethod(method), request.UriFor(path));
            foreach (var (name, value) in request.Headers)
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }

            if (request.Body is { } body)
            {
                message.Content = new StringContent(body.Json.ToJsonString(), Encoding.UTF8, body.Type);
            }

            using var response = await client.SendAsync(message);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                continue;
            }

            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            if (response.StatusCode == HttpStatusCode.BadRequest
                && JsonNode.Parse(await response.Content.ReadAsStringAsync())?["errors"] is JsonObject found)
            {
                foreach (var (key, value) in found)
                {
                    errors[key] = [.. value!.AsArray().Select(text => text!.GetValue<string>())];
                }
            }

            return (response.StatusCode, errors);
        }

        return (HttpStatusCode.Forbidden, []);
    }

    /// <summary>A request with plausible path values and at most one parameter set to the value under test.</summary>
    private sealed record Request(Dictionary<string, string> Path, List<string> Query, List<(string, string)> Headers, (string Type, JsonNode Json)? Body)
    {
        public static Request For(IEnumerable<JsonNode> parameters, (string Name, string Value)? tested)
        {
            var request = new Request([], [], [], null);
            foreach (var parameter in parameters)
            {
                var name = parameter["name"]!.GetValue<string>();
                var value = tested is { } given && given.Name == name ? given.Value : null;
                switch (parameter["in"]?.GetValue<string>())
                {
                    case "path":
                        request.Path[name] = value ?? (parameter["schema"]?["format"]?.GetValue<string>() == "uuid" ? Guid.NewGuid().ToString() : "x");
                        break;
                    case "query" when value is not null:
                        request.Query.Add($"{name}={Uri.EscapeDataString(value)}");
                        break;
                    case "header" when value is not null:
                        request.Headers.Add((name, value));
                        break;
                }
            }

            return request;
        }

        public string UriFor(string template) =>
            Path.Aggregate(template, (uri, pair) => uri.Replace($"{{{pair.Key}}}", Uri.EscapeDataString(pair.Value), StringComparison.Ordinal))
            + (Query.Count > 0 ? "?" + string.Join('&', Query) : "");
    }

    private static void Walk(JsonNode document, JsonNode? schema, string where, SortedSet<string> unbounded, int depth)
    {
        if (schema is null || depth > 12)
        {
            return;
        }

        schema = Resolve(document, schema);
        foreach (var variant in (schema["allOf"]?.AsArray() ?? []).Concat(schema["oneOf"]?.AsArray() ?? []).Concat(schema["anyOf"]?.AsArray() ?? []))
        {
            Walk(document, variant, where, unbounded, depth + 1);
        }

        var type = TypeOf(schema);
        switch (type)
        {
            case "string" when schema["enum"] is null && schema["maxLength"] is null && !BoundedFormats.Contains(schema["format"]?.GetValue<string>() ?? ""):
                unbounded.Add($"{where}: string");
                break;
            case "array":
                if (schema["maxItems"] is null)
                {
                    unbounded.Add($"{where}: array");
                }

                Walk(document, schema["items"], $"{where}[]", unbounded, depth + 1);
                break;
            case "object":
                foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
                {
                    Walk(document, property, $"{where}.{name}", unbounded, depth + 1);
                }

                if (schema["additionalProperties"] is JsonObject values)
                {
                    if (schema["maxProperties"] is null)
                    {
                        unbounded.Add($"{where}: map");
                    }

                    Walk(document, values, $"{where}{{}}", unbounded, depth + 1);
                }

                break;
        }
    }

    internal static string? TypeOf(JsonNode schema) => schema["type"] switch
    {
        JsonArray types => types.Select(type => type!.GetValue<string>()).FirstOrDefault(type => type != "null"),
        JsonValue type => type.GetValue<string>(),
        _ => schema["properties"] is not null || schema["additionalProperties"] is not null ? "object" : null,
    };

    internal static JsonNode Resolve(JsonNode document, JsonNode node)
    {
        for (var hops = 0; hops < 10 && node["$ref"]?.GetValue<string>() is { } reference; hops++)
        {
            node = reference.TrimStart('#', '/').Split('/').Aggregate((JsonNode?)document, (current, segment) => current?[segment])
                ?? throw new InvalidOperationException($"Unresolved {reference}");
        }

        return node;
    }
}
