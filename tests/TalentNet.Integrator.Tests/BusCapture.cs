using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using MassTransit;
using RabbitMQ.Client;
using TalentNet.Messaging;

namespace TalentNet.Integrator.Tests;

/// <summary>A queue bound to every contract's exchange on the test's virtual host: a copy of all that travels.</summary>
public sealed class BusCapture : IAsyncDisposable
{
    private const string Queue = "integrator-capture";
    private readonly IConnection _connection;
    private readonly IChannel _channel;

    private BusCapture(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    public static async Task<BusCapture> StartAsync(string rabbitMqUrl)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(rabbitMqUrl) }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(Queue, durable: false, exclusive: false, autoDelete: false);
        foreach (var type in EventTypes.Contracts.All)
        {
            // Declared as MassTransit declares its publish exchanges, so neither side objects.
            var exchange = type.GetCustomAttribute<EntityNameAttribute>()!.EntityName;
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
            await channel.QueueBindAsync(Queue, exchange, "");
        }

        return new BusCapture(connection, channel);
    }

    /// <summary>Every message captured so far, as its JSON envelope.</summary>
    public async Task<IReadOnlyList<JsonObject>> DrainAsync()
    {
        var messages = new List<JsonObject>();
        while (await _channel.BasicGetAsync(Queue, autoAck: true) is { } delivery)
        {
            messages.Add(JsonNode.Parse(Encoding.UTF8.GetString(delivery.Body.Span))!.AsObject());
        }

        return messages;
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
