using Dapper;
using Microsoft.Data.Sqlite;
using TalentNet.Storage;
using TalentNet.Testing;

namespace TalentNet.Platform.Tests;

/// <summary>The SQLite pool keeps connections and their prepared statements; none of that may leak between uses.</summary>
public sealed class SqliteConnectionPoolTests
{
    private static async Task<Database> DatabaseAsync(string table = "items")
    {
        var database = new Database(new DatabaseOptions { ConnectionString = $"Data Source={TestDatabase.NewPath("pool")};Pooling=True" }, "pool");
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync($"PRAGMA journal_mode = WAL; CREATE TABLE {table} (id INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL)");
        return database;
    }

    [Fact]
    public async Task A_statement_is_prepared_once_per_connection_and_reused()
    {
        var database = await DatabaseAsync();
        await using (var connection = await database.OpenAsync())
        {
            await connection.ExecuteAsync("INSERT INTO items (id, name) VALUES (1, 'one'), (2, 'two')");
        }

        var before = database.SqliteStatementsPrepared;
        for (var i = 0; i < 100; i++)
        {
            await using var connection = await database.OpenAsync();
            Assert.Equal(i % 2 == 0 ? "one" : "two",
                await connection.QuerySingleAsync<string>("SELECT name FROM items WHERE id = @Id", new { Id = (i % 2) + 1 }));
        }

        Assert.Equal(1, database.SqliteStatementsPrepared - before);
    }

    [Fact]
    public async Task A_parameter_from_an_earlier_run_is_never_reused()
    {
        var database = await DatabaseAsync();
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync("INSERT INTO items (id, name) VALUES (@Id, @Name)", new { Id = 1, Name = "one" });
        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            connection.ExecuteAsync("INSERT INTO items (id, name) VALUES (@Id, @Name)", new { Id = 2 }));
        Assert.Contains("@Name", missing.Message, StringComparison.Ordinal);
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM items"));
    }

    [Fact]
    public async Task A_transaction_left_open_is_rolled_back_before_the_connection_is_reused()
    {
        var database = await DatabaseAsync();
        await using (var abandoned = await database.OpenAsync())
        {
            var transaction = await abandoned.BeginTransactionAsync();
            await abandoned.ExecuteAsync("INSERT INTO items (id, name) VALUES (1, 'lost')", transaction: transaction);
        }

        await AssertOnlyTheNextSessionsRowIsKeptAsync(database);
    }

    [Fact]
    public async Task A_transaction_begun_in_sql_and_left_open_never_reaches_the_next_caller()
    {
        var database = await DatabaseAsync();
        await using (var abandoned = await database.OpenAsync())
        {
            await abandoned.ExecuteAsync("BEGIN IMMEDIATE; INSERT INTO items (id, name) VALUES (1, 'lost');");
        }

        await AssertOnlyTheNextSessionsRowIsKeptAsync(database);
    }

    [Fact]
    public async Task The_same_statement_runs_again_while_its_first_reader_is_still_open()
    {
        var database = await DatabaseAsync();
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync("INSERT INTO items (id, name) VALUES (1, 'one'), (2, 'two'), (3, 'three')");
        const string Sql = "SELECT id AS Id, name AS Name FROM items WHERE id >= @From ORDER BY id";
        var pairs = new List<string>();
        foreach (var outer in connection.Query<(long Id, string Name)>(Sql, new { From = 2 }, buffered: false))
        {
            var inner = connection.Query<(long Id, string Name)>(Sql, new { From = outer.Id }).Select(row => row.Name);
            pairs.Add($"{outer.Name}:{string.Join(",", inner)}");
        }

        Assert.Equal(["two:two,three", "three:three"], pairs);
    }

    [Fact]
    public async Task A_cached_statement_sees_a_schema_change_made_elsewhere()
    {
        var database = await DatabaseAsync();
        await using (var connection = await database.OpenAsync())
        {
            await connection.ExecuteAsync("INSERT INTO items (id, name) VALUES (1, 'one')");
            Assert.Equal(2, (await connection.QuerySingleAsync("SELECT * FROM items WHERE id = 1") as IDictionary<string, object>)!.Count);
        }

        await using (var other = new SqliteConnection(database.ConnectionString))
        {
            await other.OpenAsync();
            await other.ExecuteAsync("ALTER TABLE items ADD COLUMN tag TEXT NOT NULL DEFAULT 'new'");
        }

        await using var again = await database.OpenAsync();
        var row = (IDictionary<string, object>)await again.QuerySingleAsync("SELECT * FROM items WHERE id = 1");
        Assert.Equal("new", row["tag"]);
    }

    [Fact]
    public async Task Concurrent_readers_and_writers_each_see_their_own_rows()
    {
        var database = await DatabaseAsync();
        var writers = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < 100; i++)
            {
                var id = (worker * 1000) + i;
                await using (var session = await database.BeginAsync())
                {
                    await session.Connection.ExecuteAsync("INSERT INTO items (id, name) VALUES (@Id, @Name)", new { Id = id, Name = $"w{worker}-{i}" }, session.Transaction);
                    await session.CommitAsync();
                }

                await using var reader = await database.OpenAsync();
                Assert.Equal($"w{worker}-{i}", await reader.QuerySingleAsync<string>("SELECT name FROM items WHERE id = @Id", new { Id = id }));
            }
        }));
        await Task.WhenAll(writers);

        await using var connection = await database.OpenAsync();
        Assert.Equal(800, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM items"));
    }

    [Fact]
    public async Task Instants_written_by_other_tools_still_read_back()
    {
        var database = await DatabaseAsync();
        await using var connection = await database.OpenAsync();
        var read = await connection.QueryAsync<DateTimeOffset>(
            "SELECT '2026-11-28T10:15:00.0000000Z' UNION ALL SELECT '2026-11-28 12:15:00+02:00' UNION ALL SELECT '2026-11-28T10:15:00'");
        Assert.All(read, instant => Assert.Equal(new DateTimeOffset(2026, 11, 28, 10, 15, 0, TimeSpan.Zero), instant));
    }

    /// <summary>The next write session can start, commit, and is all that is stored.</summary>
    private static async Task AssertOnlyTheNextSessionsRowIsKeptAsync(Database database)
    {
        await using (var session = await database.BeginAsync())
        {
            await session.Connection.ExecuteAsync("INSERT INTO items (id, name) VALUES (2, 'kept')", transaction: session.Transaction);
            await session.CommitAsync();
        }

        await using var reader = await database.OpenAsync();
        Assert.Equal(["kept"], await reader.QueryAsync<string>("SELECT name FROM items ORDER BY id"));
    }
}
