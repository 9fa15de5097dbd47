using System.Data;
using System.Globalization;

namespace TalentNet.Storage.Sqlite;

/// <summary>Moves a SQLite value into another storage class's CLR type, only where nothing is lost.</summary>
internal static class StorageClass
{
    private const long LargestExactDouble = 1L << 53;

    public static object Convert(object value, Type reported, string column) => (value, reported) switch
    {
        (long integer, _) when reported == typeof(double) && Math.Abs(integer) <= LargestExactDouble => (double)integer,
        (double real, _) when reported == typeof(long) && Math.Floor(real) == real && real is >= long.MinValue and < long.MaxValue => (long)real,
        (long or double, _) when reported == typeof(string) => System.Convert.ToString(value, CultureInfo.InvariantCulture)!,
        (string text, _) when reported == typeof(long) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) => integer,
        (string text, _) when reported == typeof(double) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) => real,
        // Dapper converts from the value itself when the reported type is one it cannot unbox from.
        (_, _) when reported == typeof(byte[]) || reported == typeof(string) => value,
        _ => throw new DataException(
            $"Column '{column}' changed its SQLite storage class within one result, from {Name(reported)} to {Name(value.GetType())}, " +
            "and the value cannot be read as the first row's class without loss; CAST the column in the SQL."),
    };

    private static string Name(Type type) =>
        type == typeof(long) ? "INTEGER" : type == typeof(double) ? "REAL" : type == typeof(string) ? "TEXT" : "BLOB";
}
