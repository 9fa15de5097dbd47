using System.Reflection;
using System.Text.Json.Nodes;
using MassTransit;

namespace TalentNet.Messaging.AsyncApi;

/// <summary>
/// The AsyncAPI 3.0 document of one service's part of the bus: the exchanges of the events it
/// publishes (send) and consumes (receive, through its queue), each message as the MassTransit
/// envelope carrying the event. Built from the contracts, so it cannot drift from them.
/// </summary>
public sealed class AsyncApiDocument(string serviceName, IReadOnlyCollection<Type> sends, IReadOnlyCollection<Type> receives)
{
    public const string ContentType = "application/vnd.masstransit+json";

    public string ServiceName { get; } = serviceName;

    public IReadOnlyCollection<Type> Sends { get; } = sends;

    public IReadOnlyCollection<Type> Receives { get; } = receives;

    /// <summary>The events a service publishes are those whose wire name names it; it receives what its consumers consume.</summary>
    public static AsyncApiDocument For(string serviceName, EventTypes events, IEnumerable<Type> consumers)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(consumers);
        var sends = events.All.Where(type => Producer(events.UrnOf(type)) == serviceName).ToList();
        var receives = consumers
            .Where(type => type is { IsClass: true, IsAbstract: false })
            .SelectMany(type => type.GetInterfaces())
            .Where(contract => contract.IsGenericType && contract.GetGenericTypeDefinition() == typeof(IConsumer<>))
            .Select(contract => contract.GetGenericArguments()[0])
            .Where(events.All.Contains)
            .Distinct()
            .ToList();
        return new AsyncApiDocument(serviceName, sends, receives);
    }

    public JsonObject ToJson(EventTypes events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var channels = new JsonObject();
        var operations = new JsonObject();
        var messages = new JsonObject();
        foreach (var type in Sends.Concat(Receives).Distinct().OrderBy(type => type.Name, StringComparer.Ordinal))
        {
            var urn = events.UrnOf(type);
            var exchange = type.GetCustomAttribute<EntityNameAttribute>()?.EntityName ?? urn;
            messages[type.Name] = new JsonObject
            {
                ["name"] = type.Name,
                ["title"] = type.Name,
                ["summary"] = $"{urn}, published by {Producer(urn)}.",
                ["x-webhook-type"] = EventTypes.WebhookType(urn),
                ["contentType"] = ContentType,
                ["payload"] = EventSchemas.Envelope(type, urn),
            };
            channels[type.Name] = new JsonObject
            {
                ["address"] = exchange,
                ["description"] = $"The fanout exchange {exchange}.",
                ["messages"] = new JsonObject { [type.Name] = Ref($"#/components/messages/{type.Name}") },
                ["bindings"] = new JsonObject
                {
                    ["amqp"] = new JsonObject
                    {
                        ["is"] = "routingKey",
                        ["exchange"] = new JsonObject { ["name"] = exchange, ["type"] = "fanout", ["durable"] = true, ["autoDelete"] = false, ["vhost"] = "/" },
                        ["bindingVersion"] = "0.3.0",
                    },
                },
            };
            if (Sends.Contains(type))
            {
                operations[$"send{type.Name}"] = Operation("send", type, $"{ServiceName} publishes {type.Name} from its outbox.", queue: null);
            }

            if (Receives.Contains(type))
            {
                operations[$"receive{type.Name}"] = Operation("receive", type, $"{ServiceName} consumes {type.Name} from its queue, behind its inbox.", ServiceName);
            }
        }

        return new JsonObject
        {
            ["asyncapi"] = "3.0.0",
            ["info"] = new JsonObject
            {
                ["title"] = $"TalentNet {ServiceName} events",
                ["version"] = "1.0.0",
                ["description"] = $"The integration events the {ServiceName} service publishes and consumes on RabbitMQ (MassTransit 8). The event catalog is contracts/README.md.",
                ["license"] = new JsonObject { ["name"] = "MIT", ["url"] = "https://opensource.org/license/mit" },
            },
            ["defaultContentType"] = ContentType,
            ["servers"] = new JsonObject
            {
                ["rabbitmq"] = new JsonObject { ["host"] = "rabbitmq:5672", ["protocol"] = "amqp", ["protocolVersion"] = "0.9.1", ["description"] = "The deployment's broker (Messaging:RabbitMqUrl)." },
            },
            ["channels"] = channels,
            ["operations"] = operations,
            ["components"] = new JsonObject { ["messages"] = messages },
        };
    }

    private static JsonObject Operation(string action, Type type, string description, string? queue)
    {
        var operation = new JsonObject
        {
            ["action"] = action,
            ["description"] = description,
            ["channel"] = Ref($"#/channels/{type.Name}"),
            ["messages"] = new JsonArray(Ref($"#/channels/{type.Name}/messages/{type.Name}")),
        };
        if (queue is not null)
        {
            operation["bindings"] = new JsonObject
            {
                ["amqp"] = new JsonObject { ["ack"] = true, ["bindingVersion"] = "0.3.0" },
            };
            operation["description"] = $"{description} Queue: {queue} (durable), bound to the exchange.";
        }

        return operation;
    }

    /// <summary>The service named in a wire name such as <c>urn:message:talentnet:alumni:employee-departed:v1</c>.</summary>
    private static string Producer(string urn) => urn.Split(':') is [.., "talentnet", var producer, _, _] ? producer : "";

    private static JsonObject Ref(string pointer) => new() { ["$ref"] = pointer };
}
