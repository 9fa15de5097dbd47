using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using MassTransit.Serialization;
using TalentNet.Contracts;

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
    public static JsonNode For(Type eventType)
    {
        var schema = Strict.GetJsonSchemaAsNode(eventType, new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true });
        DescribeVocabulary(schema, eventType);
        return schema;
    }

    // The exporter cannot see into a custom converter (and skips its transform hook for a nullable
    // member with a default), so each vocabulary member is given its list of wire names here.
    private static void DescribeVocabulary(JsonNode schema, Type type)
    {
        if (schema["properties"] is not JsonObject properties)
        {
            return;
        }

        foreach (var property in type.GetProperties())
        {
            var name = Strict.PropertyNamingPolicy?.ConvertName(property.Name) ?? property.Name;
            if (!properties.TryGetPropertyValue(name, out var member) || member is null)
            {
                continue;
            }

            var enumType = System.Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (enumType.IsEnum)
            {
                properties[name] = Vocabulary(enumType, nullable: enumType != property.PropertyType);
            }
            else if (property.PropertyType.IsClass && property.PropertyType != typeof(string))
            {
                DescribeVocabulary(member, property.PropertyType);
            }
        }
    }

    private static JsonObject Vocabulary(Type enumType, bool nullable)
    {
        var names = new JsonArray([.. WireNames.All(enumType).Select(name => (JsonNode?)JsonValue.Create(name))]);
        if (nullable)
        {
            names.Add(null);
        }

        return new JsonObject
        {
            ["type"] = nullable ? new JsonArray("string", "null") : "string",
            ["enum"] = names,
        };
    }

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
