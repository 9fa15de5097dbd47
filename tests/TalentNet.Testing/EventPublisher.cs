using MassTransit;
using TalentNet.Contracts;

namespace TalentNet.Testing;

/// <summary>Plays another service: publishes events on the broker, each with its event id as message id.</summary>
public static class EventPublisher
{
    public static async Task PublishAsync(string rabbitMqUrl, IEnumerable<IIntegrationEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(new Uri(rabbitMqUrl)));
        await bus.StartAsync();
        try
        {
            foreach (var message in events)
            {
                await bus.Publish(message, message.GetType(), context => context.MessageId = message.EventId);
            }
        }
        finally
        {
            await bus.StopAsync();
        }
    }
}
