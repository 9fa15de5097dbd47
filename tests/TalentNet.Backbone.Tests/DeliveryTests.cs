using Dapper;
using TalentNet.Backbone.Node;
using TalentNet.Testing;

namespace TalentNet.Backbone.Tests;

/// <summary>Proofs 2, 4 and 5: duplicates, a consumer killed mid-message, and a poison message.</summary>
public sealed class DeliveryTests
{
    [Fact]
    public async Task Same_message_id_delivered_3_times_across_a_consumer_restart_has_exactly_1_effect()
    {
        var broker = await RabbitMqBroker.GetAsync();
        var url = await broker.CreateVirtualHostAsync("duplicates");
        var database = TestDatabase.NewPath("duplicates");
        var message = new ProbeRecorded(Guid.NewGuid(), DateTimeOffset.UtcNow, 1);

        var consumer = await NodeHosts.StartAsync(new NodeOptions(database, url, Relay: false));
        await Probe.PublishRawAsync(url, [message, message]);
        await NodeHosts.WaitForEffectsAsync(consumer.Database(), 1, TimeSpan.FromSeconds(30));
        Assert.NotNull(await NodeHosts.WaitUntilDrainedAsync(broker, url, BackboneNode.Queue));
        await consumer.StopAsync(dispose: true);

        var restarted = await NodeHosts.StartAsync(new NodeOptions(database, url, Relay: false));
        await Probe.PublishRawAsync(url, [message]);
        var drained = await NodeHosts.WaitUntilDrainedAsync(broker, url, BackboneNode.Queue);
        await Task.Delay(500);
        var (effects, distinct, _) = await BackboneNode.CountAsync(restarted.Database());
        await restarted.StopAsync(dispose: true);

        Assert.Equal(0, drained?.Messages);
        Assert.Equal(1, effects);
        Assert.Equal(1, distinct);
    }

    [Fact]
    public async Task Consumer_killed_before_ack_gets_the_message_redelivered_and_each_of_10_messages_has_1_effect()
    {
        var broker = await RabbitMqBroker.GetAsync();
        var url = await broker.CreateVirtualHostAsync("consumer-crash");
        var database = TestDatabase.NewPath("consumer-crash");
        var marker = Path.Combine(Path.GetTempPath(), $"talentnet-hang-{Guid.NewGuid():N}");

        // Migrate first, so the child process does not race the test for the schema.
        var setup = BackboneNode.Build(new NodeOptions(database, url, Consume: false, Relay: false, Queue: "setup"));
        await setup.StartAsync();
        await setup.StopAsync(dispose: true);

        using (var child = NodeProcess.Start("--db", database, "--amqp", url, "--no-relay", "--hang-on", "7", "--marker", marker))
        {
            var bound = await Eventually.WaitForAsync(() => broker.QueueAsync(url, BackboneNode.Queue), q => q is { Consumers: > 0 }, TimeSpan.FromSeconds(60), 250);
            Assert.True(bound is { Consumers: > 0 }, "the child consumer connected");
            await Probe.PublishRawAsync(url, Enumerable.Range(1, 10).Select(n => new ProbeRecorded(Guid.NewGuid(), DateTimeOffset.UtcNow, n)));
            await Eventually.WaitForAsync(() => Task.FromResult(File.Exists(marker)), exists => exists, TimeSpan.FromSeconds(60));
            Assert.True(File.Exists(marker), "the child reached message 7 and hangs inside its transaction");
            child.Kill();
            await child.WaitForExitAsync(TimeSpan.FromSeconds(10));
        }

        var consumer = await NodeHosts.StartAsync(new NodeOptions(database, url, Relay: false));
        await NodeHosts.WaitForEffectsAsync(consumer.Database(), 10, TimeSpan.FromSeconds(60));
        await NodeHosts.WaitUntilDrainedAsync(broker, url, BackboneNode.Queue);
        await using var connection = await consumer.Database().OpenAsync();
        var perNumber = (await connection.QueryAsync<(long Number, long Count)>("SELECT number, COUNT(*) FROM effects GROUP BY number ORDER BY number")).ToList();
        await consumer.StopAsync(dispose: true);
        File.Delete(marker);

        Assert.Equal(Enumerable.Range(1, 10).Select(n => ((long)n, 1L)), perNumber);
    }

    [Fact]
    public async Task Poison_message_goes_to_the_error_queue_after_4_attempts_and_100_good_messages_behind_it_are_processed()
    {
        var broker = await RabbitMqBroker.GetAsync();
        var url = await broker.CreateVirtualHostAsync("poison");
        var consumer = await NodeHosts.StartAsync(new NodeOptions(TestDatabase.NewPath("poison"), url, Relay: false));
        var messages = new[] { new ProbeRecorded(Guid.NewGuid(), DateTimeOffset.UtcNow, -1) }
            .Concat(Enumerable.Range(1, 100).Select(n => new ProbeRecorded(Guid.NewGuid(), DateTimeOffset.UtcNow, n)));
        await Probe.PublishRawAsync(url, messages);

        var (effects, distinct, _) = await NodeHosts.WaitForEffectsAsync(consumer.Database(), 100, TimeSpan.FromSeconds(60));
        var errors = await Eventually.WaitForAsync(() => broker.QueueAsync(url, $"{BackboneNode.Queue}_error"), q => q is { Messages: 1 }, TimeSpan.FromSeconds(30), 250);
        var attempts = consumer.Behaviour().Attempts.GetValueOrDefault(-1);
        await consumer.StopAsync(dispose: true);

        Assert.Equal(100, effects);
        Assert.Equal(100, distinct);
        Assert.Equal(1, errors?.Messages);
        Assert.Equal(4, attempts); // the first delivery and 3 immediate retries
    }

    [Fact]
    public async Task The_error_queue_holds_a_poison_message_only_for_its_time_to_live()
    {
        var broker = await RabbitMqBroker.GetAsync();
        var url = await broker.CreateVirtualHostAsync("error-ttl");
        var consumer = await NodeHosts.StartAsync(new NodeOptions(TestDatabase.NewPath("error-ttl"), url, Relay: false, Settings: new Dictionary<string, string?>
        {
            ["Messaging:ErrorQueueTimeToLive"] = "00:00:05",
        }));
        await Probe.PublishRawAsync(url, [new ProbeRecorded(Guid.NewGuid(), DateTimeOffset.UtcNow, -1)]);

        // Read the messages themselves: the management API's counters lag by its statistics interval.
        var errorQueue = $"{BackboneNode.Queue}_error";
        var held = await Eventually.WaitForAsync(() => PeekCountAsync(broker, url, errorQueue), count => count == 1, TimeSpan.FromSeconds(30), 100);
        var expired = await Eventually.WaitForAsync(() => PeekCountAsync(broker, url, errorQueue), count => count == 0, TimeSpan.FromSeconds(30), 250);
        var declared = await broker.QueueAsync(url, errorQueue);
        await consumer.StopAsync(dispose: true);

        Assert.Equal(1, held);
        Assert.Equal(0, expired);
        Assert.Equal(5000, declared!.Arguments!["x-message-ttl"].GetInt64());
    }

    private static async Task<int> PeekCountAsync(RabbitMqBroker broker, string url, string queue) =>
        await broker.QueueAsync(url, queue) is null ? -1 : (await broker.PeekHeadersAsync(url, queue)).Count;
}
