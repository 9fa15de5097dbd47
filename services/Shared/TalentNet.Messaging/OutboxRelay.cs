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
    private DateTimeOffset _nextCleanup;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var published = 0;
            try
            {
                published = await RelayBatchAsync(stoppingToken);
                await CleanupWhenDueAsync();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                LogRelayFailed(exception);
            }

            if (published < _outbox.BatchSize)
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
    }

    /// <summary>Claims one batch and publishes it; returns how many rows were published.</summary>
    internal async Task<int> RelayBatchAsync(CancellationToken cancellationToken)
    {
        var rows = await store.ClaimAsync(_owner, _outbox.BatchSize, clock.GetUtcNow(), _outbox.Lease, cancellationToken);
        if (rows.Count == 0)
        {
            return 0;
        }

        // Publishes are issued in sequence order and pipelined on the channel; the next batch is
        // claimed only once every confirm of this one is in.
        var publishes = rows.Select(row => PublishAsync(row, cancellationToken)).ToList();
        try
        {
            await Task.WhenAll(publishes);
        }
        catch (Exception) when (publishes.Any(publish => publish.IsFaulted || publish.IsCanceled))
        {
            return await SettleFailedBatchAsync(rows, publishes);
        }

        foreach (var observer in observers)
        {
            await observer.PublishedAsync(rows.Select(row => row.MessageId).ToList());
        }

        await store.MarkProcessedAsync(_owner, rows.Select(row => row.Sequence).ToList(), clock.GetUtcNow());
        return rows.Count;
    }

    /// <summary>
    /// Confirmed rows are marked; the first failed row waits for its retry and holds back the rest
    /// (released, unchanged), so the broker never sees them overtake it for long.
    /// </summary>
    private async Task<int> SettleFailedBatchAsync(IReadOnlyList<OutboxRow> rows, List<Task> publishes)
    {
        var confirmed = rows.Where((_, index) => publishes[index].IsCompletedSuccessfully).Select(row => row.Sequence).ToList();
        await store.MarkProcessedAsync(_owner, confirmed, clock.GetUtcNow());
        var firstFailed = publishes.FindIndex(publish => !publish.IsCompletedSuccessfully);
        var row = rows[firstFailed];
        var error = publishes[firstFailed].Exception?.GetBaseException() ?? new OperationCanceledException("The publish timed out.");
        if (error is UnpublishableRowException && row.Attempts + 1 >= _outbox.DeadLetterAfterAttempts)
        {
            await store.DeadLetterAsync(_owner, row.Sequence, clock.GetUtcNow(), error.Message);
            await store.ReleaseAsync(_owner, rows.Where((_, index) => index > firstFailed && !publishes[index].IsCompletedSuccessfully).Select(later => later.Sequence).ToList());
            LogDeadLettered(row.MessageType, row.MessageId, row.Attempts + 1);
            return confirmed.Count;
        }

        var delay = RetryDelay(row.Attempts + 1);
        await store.MarkFailedAsync(_owner, row.Sequence, clock.GetUtcNow() + delay, error.Message);
        await store.ReleaseAsync(_owner, rows.Where((_, index) => index > firstFailed && !publishes[index].IsCompletedSuccessfully).Select(later => later.Sequence).ToList());
        LogPublishFailed(error, row.MessageType, row.MessageId, row.Attempts + 1, delay.TotalMilliseconds);
        return confirmed.Count;
    }

    private async Task PublishAsync(OutboxRow row, CancellationToken cancellationToken)
    {
        var message = Read(row);
        var type = message.GetType();

        using var activity = StartActivity(row);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_outbox.PublishTimeout);
        await bus.Publish(message, type, context => context.MessageId = row.MessageId, timeout.Token);
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

/// <summary>A row that no retry can publish; after its attempts it becomes a dead letter.</summary>
internal sealed class UnpublishableRowException(string message, Exception? inner = null) : Exception(message, inner);
