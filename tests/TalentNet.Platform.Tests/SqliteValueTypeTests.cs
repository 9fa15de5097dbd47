using System.Data;
using Dapper;
using TalentNet.Storage;
using TalentNet.Testing;

namespace TalentNet.Platform.Tests;

/// <summary>
/// SQLite types values, not columns. Reads through the pooled, prepared statements must see each
/// value as it is, whatever the storage class of the values read before it.
/// </summary>
public sealed class SqliteValueTypeTests
{
    private static async Task<Database> SpendAsync()
    {
        var database = new Database(new DatabaseOptions { ConnectionString = $"Data Source={TestDatabase.NewPath("value-types")}" }, "value-types");
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            "CREATE TABLE spend(id INTEGER PRIMARY KEY, amount NUMERIC, note TEXT);" +
            "INSERT INTO spend VALUES (1, 12000.00, 'a'), (2, 12000.50, 'b'), (3, NULL, NULL), (4, 7, '7');");
        return database;
    }

    [Fact]
    public async Task A_numeric_column_reads_into_decimal_whether_a_row_holds_an_integer_or_a_real()
    {
        var database = await SpendAsync();
        await using var connection = await database.OpenAsync();
        foreach (var (id, expected) in new[] { (1, 12000.00m), (2, 12000.50m), (1, 12000.00m), (2, 12000.50m) })
        {
            var row = await connection.QuerySingleAsync<SpendRow>("SELECT id AS Id, amount AS Amount FROM spend WHERE id = @id", new { id });
            Assert.Equal(expected, row.Amount);
        }
    }

    [Theory]
    [InlineData(typeof(decimal))]
    [InlineData(typeof(double))]
    [InlineData(typeof(long))]
    [InlineData(typeof(string))]
    [InlineData(typeof(decimal?))]
    [InlineData(typeof(double?))]
    [InlineData(typeof(long?))]
    public async Task An_expression_changing_storage_class_between_executions_reads_into_each_target(Type target)
    {
        var database = await SpendAsync();
        await using var connection = await database.OpenAsync();
        const string sql = "SELECT CASE @kind WHEN 'integer' THEN 7 WHEN 'real' THEN 7.0 WHEN 'text' THEN '7' ELSE NULL END AS Value";
        var nullable = target == typeof(string) || Nullable.GetUnderlyingType(target) is not null;
        foreach (var kind in new[] { "integer", "real", "text", "integer", "null", "real" })
        {
            if (kind == "null" && !nullable)
            {
                continue;
            }

            var value = await ReadAsync(connection, target, sql, new { kind });
            if (kind == "null")
            {
                Assert.Null(value);
            }
            else
            {
                var expected = Convert.ChangeType(7, Nullable.GetUnderlyingType(target) ?? target, System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(expected.Equals(value), $"{kind}: {value} ({value?.GetType().Name}) is not {expected} ({expected.GetType().Name})");
            }
        }
    }

    [Fact]
    public async Task Aggregates_whose_type_follows_the_data_read_exactly_in_every_execution()
    {
        var database = await SpendAsync();
        await using var connection = await database.OpenAsync();
        const string sql = "SELECT SUM(amount) AS Total, MAX(amount) AS Largest, COALESCE(MAX(note), 0) AS Note FROM spend WHERE id <= @upTo";
        foreach (var (upTo, total, largest) in new[] { (1, 12000m, 12000m), (2, 24000.5m, 12000.5m), (1, 12000m, 12000m), (4, 24007.5m, 12000.5m) })
        {
            var row = await connection.QuerySingleAsync<Totals>(sql, new { upTo });
            Assert.Equal(total, row.Total);
            Assert.Equal(largest, row.Largest);
            Assert.NotNull(row.Note);
        }
    }

    [Fact]
    public async Task Rows_of_one_result_with_different_storage_classes_read_when_nothing_is_lost()
    {
        var database = await SpendAsync();
        await using var connection = await database.OpenAsync();
        var realFirst = await connection.QueryAsync<SpendRow>("SELECT id AS Id, amount AS Amount FROM spend WHERE amount IS NOT NULL ORDER BY id = 2 DESC, id DESC");
        Assert.Equal([12000.50m, 7m, 12000.00m], realFirst.Select(row => row.Amount));

        var asDouble = await connection.QueryAsync<double>("SELECT amount FROM spend WHERE id IN (2, 1) ORDER BY id DESC");
        Assert.Equal([12000.5, 12000.0], asDouble);

        var nullFirst = await connection.QueryAsync<NullableSpendRow>("SELECT id AS Id, amount AS Amount FROM spend ORDER BY id = 3 DESC, id");
        Assert.Equal([null, 12000.00m, 12000.50m, 7m], nullFirst.Select(row => row.Amount));

        var mixedText = await connection.QueryAsync<string>("SELECT CASE WHEN id = 1 THEN note ELSE id END FROM spend WHERE id IN (1, 2) ORDER BY id");
        Assert.Equal(["a", "2"], mixedText);

        var integersAfterText = await connection.QueryAsync<long>("SELECT CASE WHEN id = 4 THEN note ELSE id END FROM spend WHERE id IN (1, 4) ORDER BY id DESC");
        Assert.Equal([7L, 1L], integersAfterText);
    }

    [Fact]
    public async Task A_fraction_after_an_integer_in_one_result_is_refused_with_a_clear_error_never_mis_read()
    {
        var database = await SpendAsync();
        await using var connection = await database.OpenAsync();
        var failure = await Assert.ThrowsAnyAsync<DataException>(() =>
            connection.QueryAsync<SpendRow>("SELECT id AS Id, amount AS Amount FROM spend WHERE id IN (1, 2) ORDER BY id"));
        Assert.Contains("CAST", failure.ToString(), StringComparison.Ordinal);

        var cast = await connection.QueryAsync<SpendRow>("SELECT id AS Id, CAST(amount AS REAL) AS Amount FROM spend WHERE id IN (1, 2) ORDER BY id");
        Assert.Equal([12000.00m, 12000.50m], cast.Select(row => row.Amount));
    }

    private static async Task<object?> ReadAsync(System.Data.Common.DbConnection connection, Type target, string sql, object parameters) => target switch
    {
        _ when target == typeof(decimal) => await connection.QuerySingleAsync<decimal>(sql, parameters),
        _ when target == typeof(double) => await connection.QuerySingleAsync<double>(sql, parameters),
        _ when target == typeof(long) => await connection.QuerySingleAsync<long>(sql, parameters),
        _ when target == typeof(string) => await connection.QuerySingleAsync<string>(sql, parameters),
        _ when target == typeof(decimal?) => await connection.QuerySingleAsync<decimal?>(sql, parameters),
        _ when target == typeof(double?) => await connection.QuerySingleAsync<double?>(sql, parameters),
        _ when target == typeof(long?) => await connection.QuerySingleAsync<long?>(sql, parameters),
        _ => throw new ArgumentOutOfRangeException(nameof(target)),
    };

    private sealed class SpendRow
    {
        public long Id { get; init; }

        public decimal Amount { get; init; }
    }

    private sealed class NullableSpendRow
    {
        public long Id { get; init; }

        public decimal? Amount { get; init; }
    }

    private sealed class Totals
    {
        public decimal Total { get; init; }

        public decimal Largest { get; init; }

        public string? Note { get; init; }
    }
}

public sealed class SqliteGuidListTests
{
    /// <summary>A list of ids in IN binds each id as the text SQLite stores, as a single id does.</summary>
    [Fact]
    public async Task A_list_of_guids_finds_the_rows_with_those_ids()
    {
        TalentNet.Storage.DapperTypeHandlers.Register();
        var database = new TalentNet.Storage.Database(new TalentNet.Storage.DatabaseOptions { ConnectionString = $"Data Source={TalentNet.Testing.TestDatabase.NewPath("guid-lists")}" }, "guid-lists");
        Guid[] ids = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];
        await using var session = await database.BeginAsync();
        await Dapper.SqlMapper.ExecuteAsync(session.Connection, "CREATE TABLE t (id TEXT NOT NULL PRIMARY KEY)", transaction: session.Transaction);
        foreach (var id in ids)
        {
            await Dapper.SqlMapper.ExecuteAsync(session.Connection, "INSERT INTO t (id) VALUES (@Id)", new { Id = id }, session.Transaction);
        }

        var found = await Dapper.SqlMapper.QueryAsync<Guid>(session.Connection, "SELECT id FROM t WHERE id IN @Ids", new { Ids = new List<Guid> { ids[2], ids[0] } }, session.Transaction);

        Assert.Equal(new[] { ids[0], ids[2] }.Order(), found.Order());
    }
}
