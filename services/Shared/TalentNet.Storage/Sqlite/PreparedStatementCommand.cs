using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace TalentNet.Storage.Sqlite;

/// <summary>
/// A command that runs its text through the connection's cached statement for that text, so a
/// statement is parsed and planned once per connection instead of on every call.
/// </summary>
internal sealed class PreparedStatementCommand(PooledSqliteConnection connection) : DbCommand
{
    private readonly ParameterList _parameters = new();
    private SqliteCommand? _statement;
    private DbDataReader? _reader;

    [AllowNull]
    public override string CommandText { get; set; } = "";

    public override int CommandTimeout { get; set; } = 30;

    public override CommandType CommandType
    {
        get => CommandType.Text;
        set
        {
            if (value != CommandType.Text)
            {
                throw new NotSupportedException("SQLite runs text commands only.");
            }
        }
    }

    public override bool DesignTimeVisible { get; set; }

    public override UpdateRowSource UpdatedRowSource { get; set; }

    protected override DbConnection? DbConnection
    {
        get => connection;
        set => throw new NotSupportedException("A pooled command stays with its connection.");
    }

    protected override DbParameterCollection DbParameterCollection => _parameters;

    protected override DbTransaction? DbTransaction { get; set; }

    public override void Cancel() => _statement?.Cancel();

    public override int ExecuteNonQuery() => Bind().ExecuteNonQuery();

    public override object? ExecuteScalar() => Bind().ExecuteScalar();

    public override void Prepare() => Bind().Prepare();

    protected override DbParameter CreateDbParameter() => new SqliteParameter();

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
    {
        var statement = Bind();
        _reader = new StatementColumnsReader(statement.ExecuteReader(behavior), connection.Pooled.Columns(statement));
        return _reader;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && connection.State == ConnectionState.Open)
        {
            ReleaseStatement(connection.Pooled);
        }

        base.Dispose(disposing);
    }

    private SqliteCommand Bind()
    {
        var pooled = connection.Pooled;
        if (_statement is not null && !string.Equals(_statement.CommandText, CommandText, StringComparison.Ordinal))
        {
            ReleaseStatement(pooled);
        }

        if (_statement is null)
        {
            _statement = pooled.RentStatement(CommandText);
            connection.Running(this);
        }

        _statement.Transaction = (SqliteTransaction?)DbTransaction;
        _statement.CommandTimeout = CommandTimeout;
        _statement.Parameters.Clear();
        foreach (SqliteParameter parameter in _parameters)
        {
            // Dapper names parameters without their prefix; SQLite would then look each name up
            // four times (bare, @, $, :) on every execution.
            if (parameter.ParameterName is [not ('@' or '$' or ':'), ..] bare)
            {
                parameter.ParameterName = "@" + bare;
            }

            if (parameter.Value is Guid or DateTimeOffset or DateOnly)
            {
                parameter.DbType = DbType.String;
                parameter.Value = DapperTypeHandlers.SqliteValue(parameter.Value);
            }

            _statement.Parameters.Add(parameter);
        }

        return _statement;
    }

    internal void ReleaseStatement(PooledConnection pooled)
    {
        if (_reader is { IsClosed: false })
        {
            _reader.Dispose();
        }

        _reader = null;
        if (_statement is null)
        {
            return;
        }

        var statement = _statement;
        _statement = null;
        connection.Stopped(this);
        pooled.ReturnStatement(statement);
    }
}
