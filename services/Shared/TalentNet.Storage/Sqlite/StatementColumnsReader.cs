using System.Collections;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace TalentNet.Storage.Sqlite;

/// <summary>
/// Answers column names from the prepared statement's cache (they never change for a prepared
/// statement, and Dapper asks for each on every query), and column types per execution.
/// </summary>
/// <remarks>
/// SQLite types values, not columns: one column can hold an integer in one row and a real in the
/// next, and an expression's type changes from one execution to the next. Dapper builds one
/// deserializer per execution from the types reported before the first row, so this reader reports
/// the first row's storage classes (as Microsoft.Data.Sqlite does) and hands later rows' values over
/// in those classes where that loses nothing. Where it would lose something (an integer first, a
/// fraction later) it throws rather than let Dapper mis-read: the SQL must CAST such a column.
/// </remarks>
internal sealed class StatementColumnsReader(SqliteDataReader inner, List<StatementColumns> results) : DbDataReader
{
    private int _result;
    private StatementColumns? _columns;
    private Type?[]? _reported;

    public override int Depth => inner.Depth;

    public override int FieldCount => inner.FieldCount;

    public override bool HasRows => inner.HasRows;

    public override bool IsClosed => inner.IsClosed;

    public override int RecordsAffected => inner.RecordsAffected;

    public override int VisibleFieldCount => inner.VisibleFieldCount;

    public override object this[int ordinal] => GetValue(ordinal);

    public override object this[string name] => GetValue(inner.GetOrdinal(name));

    public override string GetName(int ordinal) => Columns().Names[ordinal];

    public override int GetOrdinal(string name) => inner.GetOrdinal(name);

    public override bool Read() => inner.Read();

    public override Task<bool> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(Read());

    public override bool NextResult()
    {
        _columns = null;
        _reported = null;
        _result++;
        return inner.NextResult();
    }

    public override Task<bool> NextResultAsync(CancellationToken cancellationToken) => Task.FromResult(NextResult());

    public override bool IsDBNull(int ordinal) => inner.IsDBNull(ordinal);

    public override Task<bool> IsDBNullAsync(int ordinal, CancellationToken cancellationToken) => inner.IsDBNullAsync(ordinal, cancellationToken);

    public override object GetValue(int ordinal)
    {
        var value = inner.GetValue(ordinal);
        return _reported?[ordinal] is { } reported && value.GetType() != reported && value is not DBNull
            ? StorageClass.Convert(value, reported, Columns().Names[ordinal])
            : value;
    }

    public override int GetValues(object[] values) => inner.GetValues(values);

    public override T GetFieldValue<T>(int ordinal) => inner.GetFieldValue<T>(ordinal);

    public override Type GetFieldType(int ordinal)
    {
        _reported ??= new Type?[inner.FieldCount];
        if (_reported[ordinal] is { } reported)
        {
            return reported;
        }

        // Before the first Read Microsoft.Data.Sqlite answers with the first row's storage class
        // (it has stepped to it already), and for NULL with the column's declared type.
        return _reported[ordinal] = inner.GetFieldType(ordinal);
    }

    public override string GetDataTypeName(int ordinal) => inner.GetDataTypeName(ordinal);

    public override bool GetBoolean(int ordinal) => inner.GetBoolean(ordinal);

    public override byte GetByte(int ordinal) => inner.GetByte(ordinal);

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) =>
        inner.GetBytes(ordinal, dataOffset, buffer, bufferOffset, length);

    public override char GetChar(int ordinal) => inner.GetChar(ordinal);

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) =>
        inner.GetChars(ordinal, dataOffset, buffer, bufferOffset, length);

    public override DateTime GetDateTime(int ordinal) => inner.GetDateTime(ordinal);

    public override decimal GetDecimal(int ordinal) => inner.GetDecimal(ordinal);

    public override double GetDouble(int ordinal) => inner.GetDouble(ordinal);

    public override float GetFloat(int ordinal) => inner.GetFloat(ordinal);

    public override Guid GetGuid(int ordinal) => inner.GetGuid(ordinal);

    public override short GetInt16(int ordinal) => inner.GetInt16(ordinal);

    public override int GetInt32(int ordinal) => inner.GetInt32(ordinal);

    public override long GetInt64(int ordinal) => inner.GetInt64(ordinal);

    public override string GetString(int ordinal) => inner.GetString(ordinal);

    public override Stream GetStream(int ordinal) => inner.GetStream(ordinal);

    public override TextReader GetTextReader(int ordinal) => inner.GetTextReader(ordinal);

    [SuppressMessage("Design", "CA1065", Justification = "Delegates to the wrapped reader.")]
    public override System.Data.DataTable? GetSchemaTable() => inner.GetSchemaTable();

    public override IEnumerator GetEnumerator() => ((IEnumerable)inner).GetEnumerator();

    public override void Close() => inner.Close();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private StatementColumns Columns()
    {
        if (_columns is not null)
        {
            return _columns;
        }

        while (results.Count <= _result)
        {
            results.Add(StatementColumns.None);
        }

        var columns = results[_result];
        var count = inner.FieldCount;
        if (columns.Names.Length != count)
        {
            var names = new string[count];
            for (var i = 0; i < count; i++)
            {
                names[i] = inner.GetName(i);
            }

            columns = new StatementColumns(names);
            results[_result] = columns;
        }

        _columns = columns;
        return columns;
    }
}

/// <summary>One result set's column names.</summary>
internal sealed record StatementColumns(string[] Names)
{
    public static readonly StatementColumns None = new([]);
}
