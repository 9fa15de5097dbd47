namespace TalentNet.Storage;

/// <summary>
/// The few places where SQLite and SQL Server differ. Features write portable SQL and ask the
/// dialect only for these fragments.
/// </summary>
public abstract class SqlDialect
{
    public static SqlDialect For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => SqliteDialect.Instance,
        DatabaseProvider.SqlServer => SqlServerDialect.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
    };

    public abstract DatabaseProvider Provider { get; }

    /// <summary>Appended after an ORDER BY: skips <c>@Skip</c> rows and takes <c>@Take</c>.</summary>
    public abstract string Paging { get; }

    /// <summary>A SELECT that returns the first <paramref name="take"/> rows of an ordered query.</summary>
    public abstract string Top(string selectWithoutKeyword, string rest, string take);

    /// <summary>Inserts a row only when no row with the same key exists; affects 0 rows otherwise.</summary>
    public abstract string InsertIfAbsent(string table, string columns, string values, string keyPredicate);

    /// <summary>Case-insensitive LIKE on a column (SQLite LIKE is ASCII-only case-insensitive; SQL Server follows the collation).</summary>
    public abstract string ContainsIgnoreCase(string column, string parameter);

    /// <summary>True when <paramref name="column"/> holds the text of <paramref name="parameter"/> exactly (no wildcards).</summary>
    public abstract string Holds(string column, string parameter);

    /// <summary>A table source of the strings in a JSON array parameter, one row each in column <c>value</c>.</summary>
    public abstract string JsonValues(string parameter);
}

internal sealed class SqliteDialect : SqlDialect
{
    public static readonly SqliteDialect Instance = new();

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override string Paging => "LIMIT @Take OFFSET @Skip";

    public override string Top(string selectWithoutKeyword, string rest, string take) =>
        $"SELECT {selectWithoutKeyword} {rest} LIMIT {take}";

    public override string InsertIfAbsent(string table, string columns, string values, string keyPredicate) =>
        $"INSERT OR IGNORE INTO {table} ({columns}) VALUES ({values})";

    public override string ContainsIgnoreCase(string column, string parameter) =>
        $"lower({column}) LIKE '%' || lower({parameter}) || '%'";

    public override string Holds(string column, string parameter) => $"instr({column}, {parameter}) > 0";

    public override string JsonValues(string parameter) => $"json_each({parameter})";
}

internal sealed class SqlServerDialect : SqlDialect
{
    public static readonly SqlServerDialect Instance = new();

    public override DatabaseProvider Provider => DatabaseProvider.SqlServer;

    public override string Paging => "OFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY";

    public override string Top(string selectWithoutKeyword, string rest, string take) =>
        $"SELECT TOP ({take}) {selectWithoutKeyword} {rest}";

    public override string InsertIfAbsent(string table, string columns, string values, string keyPredicate) =>
        $"INSERT INTO {table} ({columns}) SELECT {values} WHERE NOT EXISTS " +
        $"(SELECT 1 FROM {table} WITH (UPDLOCK, HOLDLOCK) WHERE {keyPredicate})";

    public override string ContainsIgnoreCase(string column, string parameter) =>
        $"{column} LIKE '%' + {parameter} + '%'";

    public override string Holds(string column, string parameter) => $"CHARINDEX({parameter}, {column}) > 0";

    public override string JsonValues(string parameter) => $"OPENJSON({parameter})";
}
