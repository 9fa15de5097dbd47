using Dapper;
using TalentNet.Backbone.Node;
using TalentNet.Testing;

namespace TalentNet.Backbone.Tests;

/// <summary>Proofs 3 and 6: a relay killed between publish and mark, and two relays on one database.</summary>
public sealed class RelayTests
{
    [Fact]
    public async Task Relay_killed_after_publishing_and_before_marking_re_sends_and_the_inbox_absorbs_it_200_writes_200_effects()
    {
        var broker = await RabbitMqBroker.GetAsync();
        var url = await broker.CreateVirtualHostAsync("relay-crash");
        var producerDb = TestDatabase.NewPath("relay-crash-producer");
        var consumer = await NodeHosts.StartAsync(new NodeOptions(TestDatabase.NewPath("relay-crash-consumer"), url, Relay: false));

        await NodeHosts.EnqueueWithoutRelayAsync(producerDb, url, 200);

        using (var crashing = NodeProcess.Start("--db", producerDb, "--amqp", url, "--no-consume", "--queue", "producer", "--crash-after-publish"))
        {
            await crashing.WaitForExitAsync(TimeSpan.FromSeconds(90));
            Assert.True(crashing.HasExited, "the relay process died after its first confirmed batch");
        }

        var firstBatch = await NodeHosts.WaitForEffectsAsync(consumer.Database(), 100, TimeSpan.FromSeconds(30));
        var afterCrash = await BackboneNode.CountAsync(new TalentNet.Storage.Database(
            new TalentNet.Storage.DatabaseOptions { ConnectionString = $"Data Source={producerDb}" }, "backbone"));
        // The relay keeps several batches on the wire, so the second may have gone out before the crash too.
        Assert.InRange(firstBatch.Distinct, 100, 200);
        Assert.Equal(200, afterCrash.Pending); // published, but the crash came before any row was marked

        var relay = await NodeHosts.StartAsync(new NodeOptions(producerDb, url, Consume: false, Queue: "producer"));
        var (effects, distinct, _) = await NodeHosts.WaitForEffectsAsync(consumer.Database(), 200, TimeSpan.FromSeconds(60));
        var pending = await Eventually.WaitForAsync(() => BackboneNode.CountAsync(relay.Database()), c => c.Pending == 0, TimeSpan.FromSeconds(30));
        await NodeHosts.WaitUntilDrainedAsync(broker, url, BackboneNode.Queue);
        await using (var connection = await consumer.Database().OpenAsync())
        {
            effects = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM effects");
        }

        await relay.StopAsync(dispose: true);
        await consumer.StopAsync(dispose: true);
        Assert.Equal(200, distinct);
        Assert.Equal(200, effects);
        Assert.Equal(0, pending.Pending);
    }

    [Fact]
    public async Task A_relay_stopped_with_batches_on_the_wire_lets_them_finish_and_records_no_failure()
    {
        var broker = await RabbitMqBroker.GetAsync();
        var url = await broker.CreateVirtualHostAsync("relay-stop");
        var producerDb = TestDatabase.NewPath("relay-stop-producer");
        var consumer = await NodeHosts.StartAsync(new NodeOptions(TestDatabase.NewPath("relay-stop-consumer"), url, Relay: false));
        await NodeHosts.EnqueueWithoutRelayAsync(producerDb, url, 20_000, perTransaction: 500);

        // Stopped (a deployment, a scale-down) once it has begun to publish.
        var relay = BackboneNode.Build(new NodeOptions(producerDb, url, Consume: false, Queue: "producer"));
        await relay.StartAsync();
        await Eventually.WaitForAsync(() => BackboneNode.CountAsync(relay.Database()), counts => counts.Pending < 19_900, TimeSpan.FromSeconds(60), 5);
        await relay.StopAsync(dispose: false);
        await using (var connection = await relay.Database().OpenAsync())
        {
            Assert.True(await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox_messages WHERE processed_at IS NULL") > 0, "the stop came before the backlog was published");
            // A stop is not a failed publish: nothing waits for a retry, holds back the rows after it, or stays leased.
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox_messages WHERE attempts > 0"));
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox_messages WHERE lock_owner IS NOT NULL"));
        }

        relay.Dispose();
        var restarted = await NodeHosts.StartAsync(new NodeOptions(producerDb, url, Consume: false, Queue: "producer"));
        var (_, distinct, _) = await NodeHosts.WaitForEffectsAsync(consumer.Database(), 20_000, TimeSpan.FromSeconds(120));
        var pending = await Eventually.WaitForAsync(() => BackboneNode.CountAsync(restarted.Database()), c => c.Pending == 0, TimeSpan.FromSeconds(30));
        await restarted.StopAsync(dispose: true);
        await consumer.StopAsync(dispose: true);
        Assert.Equal(20_000, distinct);
        Assert.Equal(0, pending.Pending);
    }

    [Fact]
    public async Task Two_relays_on_one_database_publish_all_1000_events_none_lost_duplicates_absorbed()
    {
        var broker = await RabbitMqBroker.GetAsync();
        var url = await broker.CreateVirtualHostAsync("two-relays");
        var producerDb = TestDatabase.NewPath("two-relays-producer");
        var consumer = await NodeHosts.StartAsync(new NodeOptions(TestDatabase.NewPath("two-relays-consumer"), url, Relay: false));
        var settings = new Dictionary<string, string?> { ["Messaging:Outbox:BatchSize"] = "20" };
        var first = await NodeHosts.StartAsync(new NodeOptions(producerDb, url, Consume: false, Queue: "producer-a", Settings: settings));
        var second = await NodeHosts.StartAsync(new NodeOptions(producerDb, url, Consume: false, Queue: "producer-b", Settings: settings));

        var writes = Task.WhenAll(
            BackboneNode.EnqueueAsync(first.Services, Enumerable.Range(1, 500), perTransaction: 10),
            BackboneNode.EnqueueAsync(second.Services, Enumerable.Range(501, 500), perTransaction: 10));
        await writes;

        var (_, distinct, _) = await NodeHosts.WaitForEffectsAsync(consumer.Database(), 1000, TimeSpan.FromSeconds(90));
        var pending = await Eventually.WaitForAsync(() => BackboneNode.CountAsync(first.Database()), c => c.Pending == 0, TimeSpan.FromSeconds(30));
        await NodeHosts.WaitUntilDrainedAsync(broker, url, BackboneNode.Queue);
        var (effects, _, _) = await BackboneNode.CountAsync(consumer.Database());

        await first.StopAsync(dispose: true);
        await second.StopAsync(dispose: true);
        await consumer.StopAsync(dispose: true);
        Assert.Equal(1000, distinct);
        Assert.Equal(1000, effects);
        Assert.Equal(0, pending.Pending);
    }
}
