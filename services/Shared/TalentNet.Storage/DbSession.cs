using System.Data.Common;

namespace TalentNet.Storage;

/// <summary>
/// One unit of work: a feature's rows and its outgoing events are written through the same
/// session and become durable together when it commits. Disposing without committing undoes them.
/// </summary>
public sealed class DbSession : IAsyncDisposable
{
    private readonly List<Action> _afterCommit = [];
    private readonly IWriteScope _scope;
    private bool _ended;

    internal DbSession(DbConnection connection, DbTransaction transaction, SqlDialect dialect, IWriteScope scope)
    {
        Connection = connection;
        Transaction = transaction;
        Dialect = dialect;
        _scope = scope;
    }

    public DbConnection Connection { get; }

    public DbTransaction Transaction { get; }

    public SqlDialect Dialect { get; }

    /// <summary>Runs once the session's writes are durable (e.g. waking the outbox relay).</summary>
    public void AfterCommit(Action action)
    {
        if (!_afterCommit.Contains(action))
        {
            _afterCommit.Add(action);
        }
    }

    /// <summary>Returns once the writes are committed; throws when they could not be.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_ended, this);
        _ended = true;
        await _scope.CommitAsync(cancellationToken);
        foreach (var action in _afterCommit)
        {
            action();
        }
    }

    public async Task RollbackAsync(CancellationToken cancellationToken = default)
    {
        if (_ended)
        {
            return;
        }

        _ended = true;
        await _scope.RollbackAsync();
    }

    public async ValueTask DisposeAsync() => await RollbackAsync();
}

/// <summary>How a session's work ends: its own transaction, or its part of a shared one.</summary>
internal interface IWriteScope
{
    Task CommitAsync(CancellationToken cancellationToken);

    Task RollbackAsync();
}

/// <summary>A session that owns its connection and transaction outright (SQL Server).</summary>
internal sealed class OwnTransactionScope(DbConnection connection, DbTransaction transaction) : IWriteScope
{
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            await EndAsync();
        }
    }

    public async Task RollbackAsync()
    {
        try
        {
            await transaction.RollbackAsync();
        }
        catch (InvalidOperationException)
        {
            // The connection already dropped the transaction; nothing left to undo.
        }
        finally
        {
            await EndAsync();
        }
    }

    private async Task EndAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
