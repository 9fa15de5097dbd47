using System.Data.Common;
using Dapper;

namespace TalentNet.Storage;

/// <summary>
/// One unit of work: a feature's rows and its outgoing events are written through the same
/// session and become durable together when it commits. Disposing without committing undoes them.
/// </summary>
public sealed class DbSession : IAsyncDisposable
{
    private readonly List<Action> _afterCommit = [];
    private readonly Dictionary<(string Sql, Type Row), List<object>> _deferredIndex = [];
    private List<(string Sql, List<object> Rows)>? _deferred;
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

    /// <summary>Count changes held until commit (see <see cref="BufferTallies"/>); null when they are written at once.</summary>
    internal Dictionary<TallyKey, long>? PendingTallies { get; private set; }

    /// <summary>
    /// Holds the session's dashboard count changes and writes each changed count once, when it
    /// commits: a batch of many rows touching the same few counts (an import) then costs a
    /// statement per count instead of one per row.
    /// </summary>
    public void BufferTallies() => PendingTallies ??= [];

    /// <summary>
    /// From now until <see cref="WriteDeferredAsync"/> (or the commit), writes sent through
    /// <see cref="WriteAsync"/> are held and then run grouped by statement, in the order each
    /// statement was first sent: one command per statement for a whole batch instead of one per row.
    /// Only for rows that nothing reads back before the flush and that do not depend on each other
    /// across statements (an import's new people); each write must affect exactly one row.
    /// </summary>
    public void DeferWrites() => _deferred ??= [];

    /// <summary>
    /// Runs a write that affects one row: at once (answering the rows affected), or, while the
    /// session defers writes, later (answering null).
    /// </summary>
    public async Task<int?> WriteAsync(string sql, object row)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(row);
        if (_deferred is null)
        {
            return await Connection.ExecuteAsync(sql, row, Transaction);
        }

        var key = (sql, row.GetType());
        if (!_deferredIndex.TryGetValue(key, out var rows))
        {
            rows = [];
            _deferredIndex[key] = rows;
            _deferred.Add((sql, rows));
        }

        rows.Add(row);
        return null;
    }

    /// <summary>Runs the held writes and stops deferring; throws when one of them did not affect its row.</summary>
    public async Task WriteDeferredAsync()
    {
        var deferred = _deferred;
        _deferred = null;
        _deferredIndex.Clear();
        foreach (var (sql, rows) in deferred ?? [])
        {
            var affected = await Connection.ExecuteAsync(sql, rows, Transaction);
            if (affected != rows.Count)
            {
                throw new InvalidOperationException($"{rows.Count} deferred writes affected {affected} rows: {sql}");
            }
        }
    }

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
        await WriteDeferredAsync();
        if (PendingTallies is { Count: > 0 } pending)
        {
            PendingTallies = null;
            await Tallies.AddAsync(this, pending.Select(change => (change.Key, change.Value)));
        }

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
