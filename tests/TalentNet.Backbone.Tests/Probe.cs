using MassTransit;
using TalentNet.Backbone.Node;

namespace TalentNet.Backbone.Tests;

/// <summary>A plain MassTransit bus outside any service, for publishing exactly what a test needs.</summary>
internal static class Probe
{
    public static async Task PublishRawAsync(string rabbitMqUrl, IEnumerable<ProbeRecorded> messages)
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(new Uri(rabbitMqUrl)));
        await bus.StartAsync();
        try
        {
            foreach (var message in messages)
            {
                await bus.Publish(message, context => context.MessageId = message.EventId);
            }
        }
        finally
        {
            await bus.StopAsync();
        }
    }
}
