using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TalentNet.ServiceDefaults;

namespace TalentNet.Messaging;

/// <summary>
/// Publishes committed outbox rows through MassTransit (publisher confirms on), in commit order,
/// then marks them processed. A crash between the publish and the mark re-sends the batch; the
/// consumers' inbox absorbs the duplicates. Several replicas may run it against one database.
/// </summary>
internal sealed partial class OutboxRelay(
    OutboxStore store,
    OutboxSignal signal,
    EventTypes eventTypes,
    IBus bus,
    IEnumerable<IOutboxObserver> observers,
    MessagingOptions options,
    TimeProvider clock,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
    private readonly OutboxOptions _outbox = options.Outbox;
    private readonly Queue<InFlightBatch> _inFlight = new();
    private List<long> _published = [];
    private DateTimeOffset _nextCleanup;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await RelayBatchAsync(stoppingToken);
                await CleanupWhenDueAsync();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                LogRelayFailed(exception);
                await AbandonInFlightAsync();
            }

            if (claimed < _outbox.BatchSize)
            {
                try
                {
                    await signal.WaitAsync(_outbox.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        await AbandonInFlightAsync();
    }

    /// <summary>
    /// Claims the next batch and starts publishing it, in sequence order, pipelined on the channel.
    /// Up to <see cref="OutboxOptions.BatchesInFlight"/> batches wait for their confirms meanwhile;
    /// the oldest beyond that (every one, once a claim comes back short) is settled. Returns how many
    /// rows were claimed.
    /// </summary>
    internal async Task<int> RelayBatchAsync(CancellationToken cancellationToken)
    {
        var rows = await store.ClaimAsync(_owner, _outbox.BatchSize, clock.GetUtcNow(), _outbox.Lease, cancellationToken, _published, _inFlight.Sum(batch => batch.Rows.Count));
        _published = [];
        if (rows.Count > 0)
        {
            // One deadline for the batch, not a timer per message. Not tied to the service's stop: what is
            // on the wire then gets its confirms and is marked (AbandonInFlightAsync), instead of counting
            // as a failed attempt that holds back every later row for its retry delay.
            var timeout = new CancellationTokenSource(_outbox.PublishTimeout);
            _inFlight.Enqueue(new InFlightBatch(rows, rows.Select(row => PublishAsync(row, timeout.Token)).ToList(), timeout));
        }

        // Batches stay on the wire only while a backlog keeps the next claim full; otherwise every row
        // is settled and marked now, not after the next poll (an erasure deletes published rows only).
        var keep = rows.Count < _outbox.BatchSize ? 0 : _outbox.BatchesInFlight - 1;
        while (_inFlight.Count > keep)
        {
            await SettleOldestAsync();
        }

        if (_inFlight.Count == 0 && _published.Count > 0)
        {
            await store.MarkProcessedAsync(_owner, _published, clock.GetUtcNow());
            _published = [];
        }

        return rows.Count;
    }

    /// <summary>A confirmed batch is marked with the next claim; a failure settles every batch in flight.</summary>
    private async Task SettleOldestAsync()
    {
        var batch = _inFlight.Peek();
        try
        {
            await Task.WhenAll(batch.Publishes);
        }
        catch (Exception) when (batch.Publishes.Any(publish => publish.IsFaulted || publish.IsCanceled))
        {
            await SettleFailedAsync();
            return;
        }

        _inFlight.Dequeue().Dispose();
        foreach (var observer in observers)
        {
            await observer.PublishedAsync(batch.Rows.Select(row => row.MessageId).ToList());
        }

        _published.AddRange(batch.Rows.Select(row => row.Sequence));
    }

    /// <summary>
    /// Confirmed rows are marked; the first failed row waits for its retry and holds back the rest
    /// (released, unchanged), so the broker never sees them overtake it for long. Later batches
    /// already on the wire may have overtaken it: consumers never relied on order across batches
    /// (they consume concurrently), and each is de-duplicated by its inbox.
    /// </summary>
    private async Task SettleFailedAsync()
    {
        var (rows, publishes, confirmed, _) = await DrainInFlightAsync();
        await store.MarkProcessedAsync(_owner, [.. _published, .. confirmed], clock.GetUtcNow());
        _published = [];
        var firstFailed = publishes.FindIndex(publish => !publish.IsCompletedSuccessfully);
        var row = rows[firstFailed];
        var unconfirmedAfter = rows.Where((_, index) => index > firstFailed && !publishes[index].IsCompletedSuccessfully).Select(later => later.Sequence).ToList();
        var error = publishes[firstFailed].Exception?.GetBaseException() ?? new OperationCanceledException("The publish timed out.");
        if (error is UnpublishableRowException && row.Attempts + 1 >= _outbox.DeadLetterAfterAttempts)
        {
            await store.DeadLetterAsync(_owner, row.Sequence, clock.GetUtcNow(), error.Message);
            await store.ReleaseAsync(_owner, unconfirmedAfter);
            LogDeadLettered(row.MessageType, row.MessageId, row.Attempts + 1);
            return;
        }

        var delay = RetryDelay(row.Attempts + 1);
        await store.MarkFailedAsync(_owner, row.Sequence, clock.GetUtcNow() + delay, error.Message);
        await store.ReleaseAsync(_owner, unconfirmedAfter);
        LogPublishFailed(error, row.MessageType, row.MessageId, row.Attempts + 1, delay.TotalMilliseconds);
    }

    /// <summary>Waits for every publish on the wire; answers all rows in flight and their publishes, in order, and which were confirmed.</summary>
    private async Task<(List<OutboxRow> Rows, List<Task> Publishes, List<long> Confirmed, List<long> Unconfirmed)> DrainInFlightAsync()
    {
        var batches = _inFlight.ToList();
        _inFlight.Clear();
        var publishes = batches.SelectMany(batch => batch.Publishes).ToList();
        await Task.WhenAll(publishes).ContinueWith(static _ => { }, TaskScheduler.Default);
        foreach (var batch in batches)
        {
            batch.Dispose();
        }

        var rows = batches.SelectMany(batch => batch.Rows).ToList();
        var confirmed = rows.Where((_, index) => publishes[index].IsCompletedSuccessfully).Select(row => row.Sequence).ToList();
        var unconfirmed = rows.Where((_, index) => !publishes[index].IsCompletedSuccessfully).Select(row => row.Sequence).ToList();
        return (rows, publishes, confirmed, unconfirmed);
    }

    /// <summary>
    /// After an unexpected failure, or at shutdown: waits for what is on the wire, marks what was
    /// confirmed and releases the rest. What cannot be recorded keeps its lease and is published
    /// again when that runs out.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1031", Justification = "The lease is the fallback; the relay must go on.")]
    private async Task AbandonInFlightAsync()
    {
        var (_, _, confirmed, unconfirmed) = await DrainInFlightAsync();
        List<long> published = [.. _published, .. confirmed];
        _published = [];
        try
        {
            await store.MarkProcessedAsync(_owner, published, clock.GetUtcNow());
            await store.ReleaseAsync(_owner, unconfirmed);
        }
        catch (Exception exception)
        {
            LogRelayFailed(exception);
        }
    }

    private async Task PublishAsync(OutboxRow row, CancellationToken timeout)
    {
        var message = Read(row);
        var type = message.GetType();

        using var activity = StartActivity(row);
        await bus.Publish(message, type, context => context.MessageId = row.MessageId, timeout);
    }

    /// <summary>What no retry can mend: the row names no known event type, or its payload does not read as one.</summary>
    private object Read(OutboxRow row)
    {
        try
        {
            var type = eventTypes.TypeOf(row.MessageType);
            return JsonSerializer.Deserialize(row.Payload, type, Outbox.PayloadJson)
                ?? throw new UnpublishableRowException($"Outbox row {row.Sequence} has an empty payload.");
        }
        catch (Exception exception) when (exception is InvalidOperationException or JsonException or NotSupportedException)
        {
            throw new UnpublishableRowException($"Outbox row {row.Sequence} cannot be published: {exception.Message}", exception);
        }
    }

    private static Activity? StartActivity(OutboxRow row)
    {
        ActivityContext parent = default;
        if (row.Headers is not null)
        {
            var headers = JsonSerializer.Deserialize<Dictionary<string, string>>(row.Headers, Outbox.PayloadJson);
            if (headers is not null && headers.TryGetValue("traceparent", out var traceParent))
            {
                headers.TryGetValue("tracestate", out var traceState);
                ActivityContext.TryParse(traceParent, traceState, out parent);
            }
        }

        var activity = Telemetry.Source.StartActivity("outbox relay", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.message.id", row.MessageId);
        activity?.SetTag("messaging.message.type", row.MessageType);
        return activity;
    }

    /// <summary>Exponential backoff with ±20% jitter, capped.</summary>
    internal TimeSpan RetryDelay(int attempt)
    {
        var exponential = _outbox.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 20));
        var capped = Math.Min(exponential, _outbox.MaxRetryDelay.TotalMilliseconds);
        var jitter = 0.8 + (Random.Shared.NextDouble() * 0.4);
        return TimeSpan.FromMilliseconds(capped * jitter);
    }

    private async Task CleanupWhenDueAsync()
    {
        var now = clock.GetUtcNow();
        if (now < _nextCleanup)
        {
            return;
        }

        _nextCleanup = now + _outbox.CleanupInterval;
        await store.CleanupAsync(now - _outbox.Retention, now - _outbox.InboxRetention);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing {MessageType} {MessageId} failed (attempt {Attempt}); retrying in {DelayMs:F0} ms")]
    private partial void LogPublishFailed(Exception exception, string messageType, Guid messageId, int attempt, double delayMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "{MessageType} {MessageId} could never be published ({Attempts} attempts); it moved to outbox_dead_letters")]
    private partial void LogDeadLettered(string messageType, Guid messageId, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "The outbox relay failed; it will try again")]
    private partial void LogRelayFailed(Exception exception);
}

/// <summary>Claimed rows and their publishes, in sequence order, under one deadline.</summary>
internal sealed record InFlightBatch(IReadOnlyList<OutboxRow> Rows, List<Task> Publishes, CancellationTokenSource Timeout) : IDisposable
{
    public void Dispose() => Timeout.Dispose();
}

/// <summary>A row that no retry can publish; after its attempts it becomes a dead letter.</summary>
internal sealed class UnpublishableRowException(string message, Exception? inner = null) : Exception(message, inner);
