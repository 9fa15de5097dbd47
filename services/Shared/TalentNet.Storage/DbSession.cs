using System.Data.Common;

namespace TalentNet.Storage;

/// <summary>
/// One connection and one transaction: a feature's rows and its outgoing events are written
/// through the same session and committed together.
/// </summary>
public sealed class DbSession : IAsyncDisposable
{
    private readonly List<Action> _afterCommit = [];
    private readonly SemaphoreSlim? _writerGate;
    private bool _completed;
    private bool _disposed;

    internal DbSession(DbConnection connection, DbTransaction transaction, SqlDialect dialect, SemaphoreSlim? writerGate)
    {
        Connection = connection;
        Transaction = transaction;
        Dialect = dialect;
        _writerGate = writerGate;
    }

    public DbConnection Connection { get; }

    public DbTransaction Transaction { get; }

    public SqlDialect Dialect { get; }

    /// <summary>Runs once the transaction has committed (e.g. waking the outbox relay).</summary>
    public void AfterCommit(Action action)
    {
        if (!_afterCommit.Contains(action))
        {
            _afterCommit.Add(action);
        }
    }

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        await Transaction.CommitAsync(cancellationToken);
        _completed = true;
        await DisposeAsync();
        foreach (var action in _afterCommit)
        {
            action();
        }
    }

    public async Task RollbackAsync(CancellationToken cancellationToken = default)
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        await Transaction.RollbackAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            await EndAsync();
        }
        finally
        {
            _writerGate?.Release();
        }
    }

    private async Task EndAsync()
    {
        if (!_completed)
        {
            try
            {
                await Transaction.RollbackAsync();
            }
            catch (InvalidOperationException)
            {
                // The connection already dropped the transaction; nothing left to undo.
            }
        }

        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
