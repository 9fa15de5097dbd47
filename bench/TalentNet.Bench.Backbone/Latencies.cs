using System.Collections.Concurrent;

namespace TalentNet.Bench.Backbone;

/// <summary>End-to-end latencies of one run, recorded when each message's effect is complete.</summary>
public sealed class Latencies
{
    private readonly ConcurrentQueue<double> _milliseconds = new();
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Record(DateTimeOffset sentAt)
    {
        _milliseconds.Enqueue((DateTimeOffset.UtcNow - sentAt).TotalMilliseconds);
        Interlocked.Increment(ref _count);
    }

    public void Reset()
    {
        _milliseconds.Clear();
        Interlocked.Exchange(ref _count, 0);
    }

    public double Percentile(double p)
    {
        var sorted = _milliseconds.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
