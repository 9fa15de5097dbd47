using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using TalentNet.Backbone.Node;
using TalentNet.Storage;
using TalentNet.Testing;

namespace TalentNet.Backbone.Tests;

internal static class NodeHosts
{
    /// <summary>Starts an in-process node and waits until its bus is connected.</summary>
    public static async Task<IHost> StartAsync(NodeOptions options)
    {
        var host = BackboneNode.Build(options);
        await host.StartAsync();
        var health = host.Services.GetRequiredService<HealthCheckService>();
        var report = await Eventually.WaitForAsync(
            () => health.CheckHealthAsync(check => check.Name == "masstransit-bus"),
            result => result.Status == HealthStatus.Healthy,
            TimeSpan.FromSeconds(60));
        Assert.True(report.Status == HealthStatus.Healthy, "the node's bus connected");
        return host;
    }

    /// <summary>Writes events 1 to <paramref name="count"/> into a producer database's outbox, with no relay to publish them.</summary>
    public static async Task EnqueueWithoutRelayAsync(string producerDb, string url, int count, int perTransaction = 50)
    {
        var writer = BackboneNode.Build(new NodeOptions(producerDb, url, Consume: false, Relay: false, Queue: "producer"));
        await writer.StartAsync();
        await BackboneNode.EnqueueAsync(writer.Services, Enumerable.Range(1, count), perTransaction);
        await writer.StopAsync(dispose: true);
    }

    public static Database Database(this IHost host) => host.Services.GetRequiredService<Database>();

    public static NodeBehaviour Behaviour(this IHost host) => host.Services.GetRequiredService<NodeBehaviour>();

    public static async Task StopAsync(this IHost host, bool dispose)
    {
        await host.StopAsync();
        if (dispose)
        {
            host.Dispose();
        }
    }

    /// <summary>Waits until the consumer has written <paramref name="expected"/> effects (or the time is up).</summary>
    public static Task<(long Effects, long Distinct, long Pending)> WaitForEffectsAsync(Database database, long expected, TimeSpan timeout) =>
        Eventually.WaitForAsync(() => BackboneNode.CountAsync(database), counts => counts.Distinct >= expected, timeout, 200);

    /// <summary>Waits until a queue holds no message (ready or unacknowledged).</summary>
    public static Task<QueueState?> WaitUntilDrainedAsync(RabbitMqBroker broker, string url, string queue) =>
        Eventually.WaitForAsync(() => broker.QueueAsync(url, queue), state => state is { Messages: 0 }, TimeSpan.FromSeconds(30), 250);
}
