using Dapper;
using Microsoft.Extensions.Hosting;
using TalentNet.Backbone.Node;
using TalentNet.Messaging;
using TalentNet.Storage;
using TalentNet.Testing;

namespace TalentNet.Backbone.Tests;

/// <summary>
/// An erasure that finds an event naming the person still waiting in the outbox lets it go out, and the
/// relay's next clean-up deletes it once published, not after the outbox's retention (no broker needed).
/// </summary>
public sealed class OutboxErasureTests
{
    [Fact]
    public async Task A_pending_event_an_erasure_names_goes_out_and_is_deleted_at_the_next_clean_up()
    {
        using var node = BackboneNode.Build(new NodeOptions(TestDatabase.NewPath("outbox-erasure"), "amqp://guest:guest@127.0.0.1:1/", Consume: false, Relay: false));
        await node.StartAsync();
        var database = node.Database();
        var ids = await BackboneNode.EnqueueAsync(node.Services, [1, 2, 3]);
        await using (var session = await database.BeginAsync())
        {
            Assert.Equal(0, await PersonalDataErasure.DropStoredEventsAsync(session, [ids[1].ToString()]));
            await session.CommitAsync();
        }

        var store = new OutboxStore(database);
        var now = DateTimeOffset.UtcNow;
        var claimed = await store.ClaimAsync("relay", 10, now, TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.Equal(3, claimed.Count);
        await store.MarkProcessedAsync("relay", claimed.Select(row => row.Sequence).ToList(), now);

        await store.CleanupAsync(now.AddDays(-1), now.AddDays(-14));
        await using var connection = await database.OpenAsync();
        var left = (await connection.QueryAsync<Guid>("SELECT message_id FROM outbox_messages ORDER BY sequence")).ToList();
        Assert.Equal([ids[0], ids[2]], left);
        await node.StopAsync();
    }
}
