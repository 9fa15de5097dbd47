using System.Diagnostics;

namespace TalentNet.Bench.Integrations;

/// <summary>Samples the managed heap and the working set every 100 ms, for the peaks during a run.</summary>
public sealed class MemorySampler : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _heapPeak;
    private long _workingSetPeak;

    private MemorySampler()
    {
        HeapBefore = GC.GetTotalMemory(forceFullCollection: true);
        _sampling = Task.Run(async () =>
        {
            using var process = Process.GetCurrentProcess();
            while (!_stop.IsCancellationRequested)
            {
                process.Refresh();
                _heapPeak = Math.Max(_heapPeak, GC.GetGCMemoryInfo().HeapSizeBytes);
                _workingSetPeak = Math.Max(_workingSetPeak, process.WorkingSet64);
                try
                {
                    await Task.Delay(100, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        });
    }

    public long HeapBefore { get; }

    public static MemorySampler Start() => new();

    public async Task<(long HeapPeak, long WorkingSetPeak, long HeapBefore)> StopAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        return (_heapPeak, _workingSetPeak, HeapBefore);
    }

    public void Dispose() => _stop.Dispose();
}
