using Dapper;
using Microsoft.Extensions.Hosting;
using TalentNet.Backbone.Node;
using TalentNet.Messaging;
using TalentNet.Storage;
using TalentNet.Testing;

namespace TalentNet.Backbone.Tests;

/// <summary>The claim rules that keep one service's events in order across relays (no broker needed).</summary>
public sealed class OutboxClaimTests : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private IHost _writer = null!;
    private OutboxStore _store = null!;

    public async Task InitializeAsync()
    {
        _writer = BackboneNode.Build(new NodeOptions(TestDatabase.NewPath("claims"), "amqp://guest:guest@127.0.0.1:1/", Consume: false, Relay: false));
        await _writer.StartAsync();
        await BackboneNode.EnqueueAsync(_writer.Services, Enumerable.Range(1, 30));
        _store = new OutboxStore(_writer.Database());
    }

    public async Task DisposeAsync() => await _writer.StopAsync(dispose: true);

    [Fact]
    public async Task A_second_relay_claims_nothing_while_the_first_holds_the_head_then_continues_in_order()
    {
        var now = DateTimeOffset.UtcNow;
        var a = await _store.ClaimAsync("relay-a", 10, now, Lease, CancellationToken.None);
        var b = await _store.ClaimAsync("relay-b", 10, now, Lease, CancellationToken.None);
        Assert.Equal(10, a.Count);
        Assert.Empty(b);

        await _store.MarkProcessedAsync("relay-a", a.Select(row => row.Sequence).ToList(), now);
        var next = await _store.ClaimAsync("relay-b", 10, now, Lease, CancellationToken.None);
        Assert.Equal(10, next.Count);
        Assert.True(next[0].Sequence > a[^1].Sequence, "the second relay continues after the first batch");
        Assert.Equal(next.OrderBy(row => row.Sequence).Select(row => row.Sequence), next.Select(row => row.Sequence));
    }

    [Fact]
    public async Task A_row_waiting_for_its_retry_holds_back_the_rows_after_it_until_it_is_due()
    {
        var now = DateTimeOffset.UtcNow;
        var claimed = await _store.ClaimAsync("relay-a", 5, now, Lease, CancellationToken.None);
        await _store.MarkFailedAsync("relay-a", claimed[0].Sequence, now.AddSeconds(10), "broker unreachable");
        await _store.ReleaseAsync("relay-a", claimed.Skip(1).Select(row => row.Sequence).ToList());

        Assert.Empty(await _store.ClaimAsync("relay-b", 5, now.AddSeconds(5), Lease, CancellationToken.None));
        var due = await _store.ClaimAsync("relay-b", 5, now.AddSeconds(11), Lease, CancellationToken.None);
        Assert.Equal(claimed[0].Sequence, due[0].Sequence);
        Assert.Equal(1, due[0].Attempts);
    }

    [Fact]
    public async Task An_expired_lease_lets_another_relay_take_the_batch_over_and_only_the_owner_can_mark_it()
    {
        var now = DateTimeOffset.UtcNow;
        var abandoned = await _store.ClaimAsync("relay-dead", 5, now, TimeSpan.FromSeconds(1), CancellationToken.None);
        var takenOver = await _store.ClaimAsync("relay-b", 5, now.AddSeconds(2), Lease, CancellationToken.None);
        Assert.Equal(abandoned.Select(row => row.Sequence), takenOver.Select(row => row.Sequence));

        await _store.MarkProcessedAsync("relay-dead", abandoned.Select(row => row.Sequence).ToList(), now);
        await using var connection = await _writer.Database().OpenAsync();
        var processed = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox_messages WHERE processed_at IS NOT NULL");
        Assert.Equal(0, processed);
    }

    [Fact]
    public async Task A_relay_with_batches_in_flight_claims_past_them_marks_the_confirmed_with_its_next_claim_and_takes_its_own_back_after_the_lease()
    {
        var now = DateTimeOffset.UtcNow;
        var first = await _store.ClaimAsync("relay-a", 10, now, TimeSpan.FromSeconds(5), CancellationToken.None);
        // The claim looks at the head of the queue only: the batch plus what the relay holds.
        Assert.Empty(await _store.ClaimAsync("relay-a", 10, now, Lease, CancellationToken.None));
        var second = await _store.ClaimAsync("relay-a", 10, now, Lease, CancellationToken.None, heldInFlight: 10);
        Assert.True(second[0].Sequence > first[^1].Sequence, "the next batch starts after the one still in flight");

        var third = await _store.ClaimAsync(
            "relay-a", 10, now, Lease, CancellationToken.None, published: second.Select(row => row.Sequence).ToList(), heldInFlight: 10);
        Assert.True(third[0].Sequence > second[^1].Sequence);
        await using (var connection = await _writer.Database().OpenAsync())
        {
            var processed = await connection.QueryAsync<long>("SELECT sequence FROM outbox_messages WHERE processed_at IS NOT NULL ORDER BY sequence");
            Assert.Equal(second.Select(row => row.Sequence), processed);
        }

        // The first batch was never confirmed, and its lease ran out: the same relay takes it again.
        var retaken = await _store.ClaimAsync("relay-a", 10, now.AddSeconds(6), Lease, CancellationToken.None);
        Assert.Equal(first.Select(row => row.Sequence), retaken.Select(row => row.Sequence));
    }
}
