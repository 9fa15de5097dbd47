namespace TalentNet.Integrations;

/// <summary>Wakes a worker that otherwise polls: many notifications before it looks count as one.</summary>
public abstract class Wake
{
    private readonly System.Threading.Channels.Channel<bool> _wake = System.Threading.Channels.Channel.CreateBounded<bool>(
        new System.Threading.Channels.BoundedChannelOptions(1) { FullMode = System.Threading.Channels.BoundedChannelFullMode.DropWrite });

    public void Notify() => _wake.Writer.TryWrite(true);

    /// <summary>Returns when notified or after <paramref name="timeout"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var woken = _wake.Reader.WaitToReadAsync(linked.Token).AsTask();
        await Task.WhenAny(woken, Task.Delay(timeout, clock, linked.Token));
        await linked.CancelAsync();
        _wake.Reader.TryRead(out _);
        cancellationToken.ThrowIfCancellationRequested();
    }
}
