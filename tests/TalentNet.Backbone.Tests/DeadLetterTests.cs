using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TalentNet.Backbone.Node;
using TalentNet.Testing;

namespace TalentNet.Backbone.Tests;

/// <summary>A row that can never be published stops blocking the rows behind it.</summary>
public sealed class DeadLetterTests
{
    [Fact]
    public async Task An_outbox_row_of_an_unknown_event_type_moves_to_the_dead_letters_after_its_retries_and_the_rows_behind_it_are_published()
    {
        var broker = await RabbitMqBroker.GetAsync();
        var url = await broker.CreateVirtualHostAsync("dead-letters");
        var producerDb = TestDatabase.NewPath("dead-letters-producer");
        var consumer = await NodeHosts.StartAsync(new NodeOptions(TestDatabase.NewPath("dead-letters-consumer"), url, Relay: false));
        var writer = BackboneNode.Build(new NodeOptions(producerDb, url, Consume: false, Relay: false, Queue: "producer"));
        await writer.StartAsync();
        await BackboneNode.EnqueueAsync(writer.Services, Enumerable.Range(1, 10));
        var rolledBack = Guid.NewGuid();
        await using (var connection = await writer.Database().OpenAsync())
        {
            // What a rollback leaves behind: an event written by a newer version that this one does not know.
            await connection.ExecuteAsync(
                """
                INSERT INTO outbox_messages (message_id, message_type, payload, created_at, attempts, next_attempt_at)
                VALUES (@Id, 'urn:message:talentnet:backbone:probe-renamed:v2', '{}', @Now, 0, @Now)
                """,
                new { Id = rolledBack, Now = DateTimeOffset.UtcNow });
        }

        await BackboneNode.EnqueueAsync(writer.Services, Enumerable.Range(11, 10));
        await writer.StopAsync(dispose: true);

        var relay = await NodeHosts.StartAsync(new NodeOptions(producerDb, url, Consume: false, Queue: "producer", Settings: new Dictionary<string, string?>
        {
            ["Messaging:Outbox:FirstRetryDelay"] = "00:00:00.050",
            ["Messaging:Outbox:MaxRetryDelay"] = "00:00:00.200",
            ["Messaging:Outbox:PollInterval"] = "00:00:00.100",
            ["Messaging:Outbox:DeadLetterAfterAttempts"] = "3",
            ["Logging:LogLevel:TalentNet.Messaging.OutboxRelay"] = "None",
        }));
        var (_, distinct, _) = await NodeHosts.WaitForEffectsAsync(consumer.Database(), 20, TimeSpan.FromSeconds(60));
        var pending = await Eventually.WaitForAsync(() => BackboneNode.CountAsync(relay.Database()), counts => counts.Pending == 0, TimeSpan.FromSeconds(30));
        var health = await relay.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(check => check.Name == "outbox");
        await using (var connection = await relay.Database().OpenAsync())
        {
            var dead = (await connection.QueryAsync<(string MessageId, long Attempts, string Reason)>(
                "SELECT message_id, attempts, reason FROM outbox_dead_letters")).ToList();
            Assert.Equal(20, distinct);
            Assert.Equal(0, pending.Pending);
            var row = Assert.Single(dead);
            Assert.Equal(rolledBack, Guid.Parse(row.MessageId));
            Assert.Equal(3, row.Attempts);
            Assert.Contains("probe-renamed", row.Reason, StringComparison.Ordinal);
        }

        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Equal(1L, health.Entries["outbox"].Data["deadLetters"]);
        await relay.StopAsync(dispose: true);
        await consumer.StopAsync(dispose: true);
    }

    [Fact]
    public async Task A_broker_that_is_down_never_dead_letters_an_event()
    {
        var producerDb = TestDatabase.NewPath("dead-letters-broker-down");
        var relay = BackboneNode.Build(new NodeOptions(producerDb, "amqp://guest:guest@127.0.0.1:1/", Consume: false, Queue: "producer", Settings: new Dictionary<string, string?>
        {
            ["Messaging:Outbox:FirstRetryDelay"] = "00:00:00.020",
            ["Messaging:Outbox:MaxRetryDelay"] = "00:00:00.050",
            ["Messaging:Outbox:PublishTimeout"] = "00:00:00.200",
            ["Messaging:Outbox:PollInterval"] = "00:00:00.050",
            ["Messaging:Outbox:DeadLetterAfterAttempts"] = "2",
            ["Logging:LogLevel:TalentNet.Messaging.OutboxRelay"] = "None",
        }));
        await relay.StartAsync();
        await BackboneNode.EnqueueAsync(relay.Services, Enumerable.Range(1, 3));
        await using var connection = await relay.Database().OpenAsync();
        var attempts = await Eventually.WaitForAsync(
            () => connection.ExecuteScalarAsync<long>("SELECT MAX(attempts) FROM outbox_messages"),
            value => value >= 5,
            TimeSpan.FromSeconds(30));
        var dead = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox_dead_letters");
        await relay.StopAsync(dispose: true);
        Assert.True(attempts >= 5, $"the relay kept trying ({attempts} attempts)");
        Assert.Equal(0, dead);
    }
}
