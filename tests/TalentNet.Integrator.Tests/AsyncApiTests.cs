using System.Text.Json.Nodes;
using TalentNet.Testing;

namespace TalentNet.Integrator.Tests;

/// <summary>The AsyncAPI documents are valid, and what really travels on the broker matches them.</summary>
[Collection(LiveServicesCollection.Name)]
public sealed class AsyncApiTests(LiveServices services)
{
    [Fact]
    public async Task Every_served_asyncapi_document_passes_the_asyncapi_cli()
    {
        foreach (var service in services.All)
        {
            var result = await Tool.RunAsync(NodeTools.Path("asyncapi"), "validate", service.AsyncApiPath, "--fail-severity", "warn");
            Assert.True(result.ExitCode == 0, $"{service.Name}: {result.Output}{result.Error}");
        }
    }

    [Fact]
    public async Task A_message_that_differs_from_its_schema_is_reported()
    {
        var wrong = JsonNode.Parse("""
            {"messageId":"6a1f0c2e-0000-4000-8000-000000000001","messageType":["urn:message:talentnet:candidates:job-closed:v1"],
             "sentTime":"2026-12-01T10:00:00Z","message":{"eventId":5,"occurredAt":"2026-12-01T10:00:00Z"}}
            """)!.AsObject();
        var failures = await CheckAgainstSchemasAsync(services, [wrong]);
        Assert.Single(failures);
        Assert.Contains("eventId", failures[0], StringComparison.Ordinal);
    }

    /// <summary>Checks each captured message against the payload schema of the service that sends it.</summary>
    public static async Task<IReadOnlyList<string>> CheckAgainstSchemasAsync(LiveServices services, IReadOnlyList<JsonObject> captured)
    {
        var payloads = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var service in services.All)
        {
            var document = JsonNode.Parse(await File.ReadAllTextAsync(service.AsyncApiPath))!;
            foreach (var operation in document["operations"]!.AsObject().Where(pair => pair.Value!["action"]!.GetValue<string>() == "send"))
            {
                var name = operation.Key["send".Length..];
                var payload = document["components"]!["messages"]![name]!["payload"]!;
                var urn = payload["properties"]!["messageType"]!["contains"]!["const"]!.GetValue<string>();
                payloads[urn] = payload;
            }
        }

        var failures = new List<string>();
        foreach (var message in captured)
        {
            var urn = message["messageType"]![0]!.GetValue<string>();
            if (!payloads.TryGetValue(urn, out var schema))
            {
                failures.Add($"{urn}: no service documents sending it");
                continue;
            }

            if (SchemaCheck.Failures(schema, message) is { } broken)
            {
                failures.Add($"{urn}: {broken}");
            }
        }

        return failures;
    }
}
