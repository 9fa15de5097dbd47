using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit;
using TalentNet.Messaging;
using TalentNet.Messaging.AsyncApi;
using TalentNet.Testing;

namespace TalentNet.Platform.Tests;

/// <summary>
/// contracts/samples/ keeps one message of every event version as it travelled when that version
/// was written. Today's contracts must still read each of them, strictly (every required member
/// present, no null where none is allowed): a change that breaks an older message fails here.
/// Missing samples are written with TALENTNET_WRITE_SAMPLES=1, reviewed and committed.
/// </summary>
public sealed class GoldenSampleTests
{
    private static readonly string Samples = Path.Combine(RepositoryRoot.Path, "contracts", "samples");

    [Fact]
    public void Every_event_version_has_a_golden_sample()
    {
        var write = Environment.GetEnvironmentVariable("TALENTNET_WRITE_SAMPLES") == "1";
        var missing = new List<string>();
        foreach (var type in EventTypes.Contracts.All)
        {
            var path = SamplePath(type);
            if (!File.Exists(path) && write)
            {
                Directory.CreateDirectory(Samples);
                File.WriteAllText(path, Envelope(type).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
            }

            if (!File.Exists(path))
            {
                missing.Add(Path.GetFileName(path));
            }
        }

        Assert.True(missing.Count == 0, "No golden sample for: " + string.Join(", ", missing));
    }

    [Fact]
    public void Todays_contracts_read_every_golden_sample_and_it_matches_its_schema()
    {
        var files = Directory.GetFiles(Samples, "*.json");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var envelope = JsonNode.Parse(File.ReadAllText(file))!;
            var urn = envelope["messageType"]![0]!.GetValue<string>();
            var type = EventTypes.Contracts.TypeOf(urn);
            var read = envelope["message"].Deserialize(type, EventSchemas.Strict);
            Assert.NotNull(read);

            var broken = SchemaCheck.Failures(EventSchemas.Envelope(type, urn), envelope);
            Assert.True(broken is null, $"{Path.GetFileName(file)} breaks its schema: {broken}");
        }
    }

    [Fact]
    public void A_sample_missing_a_required_member_is_refused()
    {
        var type = EventTypes.Contracts.All.Single(candidate => candidate.Name == "JobClosed");
        var message = Envelope(type)["message"]!.AsObject();
        message.Remove("jobId");
        Assert.ThrowsAny<JsonException>(() => message.Deserialize(type, EventSchemas.Strict));
    }

    private static string SamplePath(Type type) =>
        Path.Combine(Samples, type.GetCustomAttribute<EntityNameAttribute>()!.EntityName + ".json");

    private static JsonObject Envelope(Type type)
    {
        var message = JsonSerializer.SerializeToNode(Example(type, type.Name), type, EventSchemas.Strict)!;
        return new JsonObject
        {
            ["messageId"] = message["eventId"]!.DeepClone(),
            ["conversationId"] = message["eventId"]!.DeepClone(),
            ["sourceAddress"] = "rabbitmq://rabbitmq/talentnet-sample",
            ["destinationAddress"] = $"rabbitmq://rabbitmq/{type.GetCustomAttribute<EntityNameAttribute>()!.EntityName}",
            ["messageType"] = new JsonArray(EventTypes.Contracts.UrnOf(type)),
            ["message"] = message,
            ["sentTime"] = "2026-11-01T08:00:01Z",
            ["headers"] = new JsonObject(),
        };
    }

    /// <summary>A deterministic example: every member set, so the sample shows the whole version.</summary>
    private static object Example(Type type, string name)
    {
        if (type == typeof(string))
        {
            return name.Contains("email", StringComparison.OrdinalIgnoreCase) ? "someone@example.org"
                : name.Contains("url", StringComparison.OrdinalIgnoreCase) ? "https://www.linkedin.com/in/someone"
                : $"{name} sample";
        }

        if (type.IsEnum)
        {
            // The last value: the first is often the default, and a sample should show a real choice.
            return Enum.GetValues(type).GetValue(Enum.GetValues(type).Length - 1)!;
        }

        if (type == typeof(Guid))
        {
            return new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 16));
        }

        if (type == typeof(DateTimeOffset))
        {
            return new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
        }

        if (type == typeof(DateOnly))
        {
            return new DateOnly(2026, 10, 31);
        }

        if (type == typeof(bool))
        {
            return true;
        }

        if (type == typeof(int))
        {
            return 3;
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Example(underlying, name);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            var item = type.GetGenericArguments()[0];
            var list = Array.CreateInstance(item, 1);
            list.SetValue(Example(item, name), 0);
            return list;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
        {
            var (key, value) = (type.GetGenericArguments()[0], type.GetGenericArguments()[1]);
            var map = (System.Collections.IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(key, value))!;
            map.Add(Example(key, "linkedin"), Example(value, $"{name} url"));
            return map;
        }

        var constructor = type.GetConstructors().OrderByDescending(candidate => candidate.GetParameters().Length).First();
        return constructor.Invoke([.. constructor.GetParameters().Select(parameter => Example(parameter.ParameterType, parameter.Name!))]);
    }
}
