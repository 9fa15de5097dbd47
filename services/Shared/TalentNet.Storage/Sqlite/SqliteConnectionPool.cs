using Microsoft.Data.Sqlite;

namespace TalentNet.Storage.Sqlite;

/// <summary>
/// Keeps SQLite connections open between uses, each with its prepared statements.
/// Microsoft.Data.Sqlite finalizes a command's statements when its connection closes, so with its
/// own pool every call parses and plans its SQL again; on a select by id that is most of the cost.
/// Here a connection and its statements stay alive while the pool holds them.
/// </summary>
internal sealed class SqliteConnectionPool(string connectionString, Action<SqliteConnection> initialize, int maxIdle)
{
    private readonly Stack<PooledConnection> _idle = new();
    private long _statementsPrepared;

    /// <summary>How many distinct statements were prepared since start; a steady workload stops adding to it.</summary>
    public long StatementsPrepared => Interlocked.Read(ref _statementsPrepared);

    public PooledSqliteConnection Rent()
    {
        PooledConnection? pooled = null;
        lock (_idle)
        {
            _idle.TryPop(out pooled);
        }

        if (pooled is null)
        {
            var connection = new SqliteConnection(connectionString);
            try
            {
                connection.Open();
                initialize(connection);
            }
            catch
            {
                connection.Dispose();
                throw;
            }

            pooled = new PooledConnection(connection, this);
        }

        return new PooledSqliteConnection(pooled);
    }

    internal void Return(PooledConnection pooled)
    {
        if (pooled.Connection.State == System.Data.ConnectionState.Open && pooled.EndStrayTransaction())
        {
            lock (_idle)
            {
                if (_idle.Count < maxIdle)
                {
                    _idle.Push(pooled);
                    return;
                }
            }
        }

        pooled.Dispose();
    }

    internal void CountPrepared() => Interlocked.Increment(ref _statementsPrepared);
}

/// <summary>An open connection and its statements, cached by SQL text.</summary>
internal sealed class PooledConnection(SqliteConnection connection, SqliteConnectionPool pool) : IDisposable
{
    // Dapper expands list parameters into the SQL text, so texts are not a closed set: when the
    // cache fills up it starts over rather than growing without bound.
    private const int MaxStatements = 256;
    private readonly Dictionary<string, SqliteCommand> _idleStatements = new(StringComparer.Ordinal);
    private readonly Dictionary<SqliteCommand, List<StatementColumns>> _columns = [];

    public SqliteConnection Connection { get; } = connection;

    public SqliteConnectionPool Pool { get; } = pool;

    /// <summary>A command for the text, prepared already when it ran on this connection before.</summary>
    public SqliteCommand RentStatement(string sql)
    {
        if (_idleStatements.Remove(sql, out var statement))
        {
            return statement;
        }

        statement = Connection.CreateCommand();
        statement.CommandText = sql;
        Pool.CountPrepared();
        return statement;
    }

    /// <summary>The columns of each result set the statement produced, filled in as they are read.</summary>
    public List<StatementColumns> Columns(SqliteCommand statement)
    {
        if (!_columns.TryGetValue(statement, out var columns))
        {
            columns = [];
            _columns[statement] = columns;
        }

        return columns;
    }

    public void ReturnStatement(SqliteCommand statement)
    {
        statement.Parameters.Clear();
        statement.Transaction = null;
        if (_idleStatements.Count >= MaxStatements)
        {
            ClearStatements();
        }

        if (!_idleStatements.TryAdd(statement.CommandText, statement))
        {
            // The same text ran twice at once (a nested reader); keep one of them.
            _columns.Remove(statement);
            statement.Dispose();
        }
    }

    /// <summary>
    /// Rolls back a transaction begun in SQL rather than through the API, which nothing else would
    /// end; false when the connection is still inside one and must not be used again.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1031", Justification = "Any failure means the connection is not reused.")]
    public bool EndStrayTransaction()
    {
        if (SQLitePCL.raw.sqlite3_get_autocommit(Connection.Handle) != 0)
        {
            return true;
        }

        try
        {
            using var rollback = Connection.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            rollback.ExecuteNonQuery();
        }
        catch (Exception)
        {
            return false;
        }

        return SQLitePCL.raw.sqlite3_get_autocommit(Connection.Handle) != 0;
    }

    public void Dispose()
    {
        ClearStatements();
        Connection.Dispose();
    }

    private void ClearStatements()
    {
        foreach (var statement in _idleStatements.Values)
        {
            statement.Dispose();
        }

        _idleStatements.Clear();
        _columns.Clear();
    }
}
