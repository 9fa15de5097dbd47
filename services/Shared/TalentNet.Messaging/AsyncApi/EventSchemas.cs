using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using MassTransit.Serialization;

namespace TalentNet.Messaging.AsyncApi;

/// <summary>
/// The JSON an event travels as: MassTransit's serializer settings, with nullability and required
/// members read from the record's declaration, so the schema says exactly what a consumer can rely on.
/// </summary>
public static class EventSchemas
{
    /// <summary>MassTransit's own serializer options, strict about nulls and required members.</summary>
    public static JsonSerializerOptions Strict { get; } = new(SystemTextJsonMessageSerializer.Options)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>The payload schema of one event type.</summary>
    public static JsonNode For(Type eventType) =>
        Strict.GetJsonSchemaAsNode(eventType, new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true });

    /// <summary>The MassTransit envelope around the event, as it is on the broker.</summary>
    public static JsonObject Envelope(Type eventType, string messageUrn) => new()
    {
        ["type"] = "object",
        ["required"] = new JsonArray("messageId", "messageType", "message", "sentTime"),
        ["properties"] = new JsonObject
        {
            ["messageId"] = Uuid("The event's id; the consuming inbox de-duplicates on it."),
            ["correlationId"] = Nullable(Uuid(null)),
            ["conversationId"] = Nullable(Uuid(null)),
            ["initiatorId"] = Nullable(Uuid(null)),
            ["sourceAddress"] = Nullable(new JsonObject { ["type"] = "string", ["format"] = "uri" }),
            ["destinationAddress"] = Nullable(new JsonObject { ["type"] = "string", ["format"] = "uri" }),
            ["messageType"] = new JsonObject
            {
                ["type"] = "array",
                ["items"] = new JsonObject { ["type"] = "string" },
                ["contains"] = new JsonObject { ["const"] = messageUrn },
                ["description"] = "The stable wire names of the message; the first is the event's own.",
            },
            ["message"] = For(eventType),
            ["sentTime"] = new JsonObject { ["type"] = "string", ["format"] = "date-time" },
            ["headers"] = new JsonObject { ["type"] = "object" },
            ["host"] = new JsonObject { ["type"] = "object" },
        },
    };

    private static JsonObject Uuid(string? description)
    {
        var schema = new JsonObject { ["type"] = "string", ["format"] = "uuid" };
        if (description is not null)
        {
            schema["description"] = description;
        }

        return schema;
    }

    private static JsonObject Nullable(JsonObject schema)
    {
        schema["type"] = new JsonArray(schema["type"]!.GetValue<string>(), "null");
        return schema;
    }
}
