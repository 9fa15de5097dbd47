using System.Collections;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace TalentNet.Storage.Sqlite;

/// <summary>The parameters of a <see cref="PreparedStatementCommand"/>, bound to its statement when it runs.</summary>
internal sealed class ParameterList : DbParameterCollection
{
    private readonly List<SqliteParameter> _items = [];

    public override int Count => _items.Count;

    public override object SyncRoot => ((ICollection)_items).SyncRoot;

    public override int Add(object value)
    {
        _items.Add(Cast(value));
        return _items.Count - 1;
    }

    public override void AddRange(Array values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var value in values)
        {
            Add(value);
        }
    }

    public override void Clear() => _items.Clear();

    public override bool Contains(object value) => value is SqliteParameter parameter && _items.Contains(parameter);

    public override bool Contains(string value) => IndexOf(value) >= 0;

    public override void CopyTo(Array array, int index) => ((ICollection)_items).CopyTo(array, index);

    public override IEnumerator GetEnumerator() => _items.GetEnumerator();

    public override int IndexOf(object value) => value is SqliteParameter parameter ? _items.IndexOf(parameter) : -1;

    public override int IndexOf(string parameterName) =>
        _items.FindIndex(parameter => string.Equals(parameter.ParameterName, parameterName, StringComparison.Ordinal));

    public override void Insert(int index, object value) => _items.Insert(index, Cast(value));

    public override void Remove(object value) => _items.Remove(Cast(value));

    public override void RemoveAt(int index) => _items.RemoveAt(index);

    public override void RemoveAt(string parameterName) => _items.RemoveAt(IndexOfExisting(parameterName));

    protected override DbParameter GetParameter(int index) => _items[index];

    protected override DbParameter GetParameter(string parameterName) => _items[IndexOfExisting(parameterName)];

    protected override void SetParameter(int index, DbParameter value) => _items[index] = Cast(value);

    protected override void SetParameter(string parameterName, DbParameter value) => _items[IndexOfExisting(parameterName)] = Cast(value);

    private int IndexOfExisting(string parameterName) =>
        IndexOf(parameterName) is var index and >= 0
            ? index
            : throw new ArgumentOutOfRangeException(nameof(parameterName), parameterName, "No parameter by that name.");

    private static SqliteParameter Cast(object? value) =>
        value as SqliteParameter ?? throw new InvalidCastException("Only SqliteParameter objects belong to a SQLite command.");
}
