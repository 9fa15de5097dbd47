using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace TalentNet.Storage.Sqlite;

/// <summary>
/// A rented SQLite connection: disposing it hands the open connection and its prepared statements
/// back to the pool, rolling back a transaction the caller left open.
/// </summary>
public sealed class PooledSqliteConnection : DbConnection
{
    private readonly List<PreparedStatementCommand> _running = [];
    private PooledConnection? _pooled;
    private SqliteTransaction? _transaction;

    internal PooledSqliteConnection(PooledConnection pooled) => _pooled = pooled;

    [AllowNull]
    public override string ConnectionString
    {
        get => Pooled.Connection.ConnectionString;
        set => throw new NotSupportedException("A pooled connection keeps its connection string.");
    }

    public override string Database => Pooled.Connection.Database;

    public override string DataSource => Pooled.Connection.DataSource;

    public override string ServerVersion => Pooled.Connection.ServerVersion;

    public override ConnectionState State => _pooled is null ? ConnectionState.Closed : ConnectionState.Open;

    internal PooledConnection Pooled => _pooled ?? throw new ObjectDisposedException(nameof(PooledSqliteConnection));

    /// <summary>Starts a transaction; <paramref name="deferred"/> false takes the write lock at once (<c>BEGIN IMMEDIATE</c>).</summary>
    public SqliteTransaction BeginTransaction(bool deferred)
    {
        _transaction = Pooled.Connection.BeginTransaction(deferred);
        return _transaction;
    }

    public override void ChangeDatabase(string databaseName) =>
        throw new NotSupportedException("SQLite connections have one database.");

    public override void Open()
    {
        // Rented connections are open already.
        _ = Pooled;
    }

    public override void Close()
    {
        var pooled = Interlocked.Exchange(ref _pooled, null);
        if (pooled is null)
        {
            return;
        }

        try
        {
            // Statements go back before the connection does: the next renter must find them idle.
            for (var i = _running.Count - 1; i >= 0; i--)
            {
                _running[i].ReleaseStatement(pooled);
            }

            _transaction?.Dispose();
        }
        finally
        {
            _running.Clear();
            _transaction = null;
            pooled.Pool.Return(pooled);
        }
    }

    internal void Running(PreparedStatementCommand command) => _running.Add(command);

    internal void Stopped(PreparedStatementCommand command) => _running.Remove(command);

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel)
    {
        _transaction = Pooled.Connection.BeginTransaction(isolationLevel);
        return _transaction;
    }

    protected override DbCommand CreateDbCommand() => new PreparedStatementCommand(this);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Close();
        }

        base.Dispose(disposing);
    }
}
