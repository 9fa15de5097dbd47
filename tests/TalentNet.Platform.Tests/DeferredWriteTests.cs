using Dapper;
using TalentNet.Storage;
using TalentNet.Testing;

namespace TalentNet.Platform.Tests;

/// <summary>A session that defers writes runs them grouped by statement, in first-sent order, and refuses a write that missed its row.</summary>
public sealed class DeferredWriteTests
{
    private const string InsertSql = "INSERT INTO items (id, name) VALUES (@Id, @Name)";
    private const string RenameSql = "UPDATE items SET name = @Name WHERE id = @Id";
    private const string InsertNoteSql = "INSERT INTO notes (item_id, text) VALUES (@Id, @Text)";

    private static async Task<Database> DatabaseAsync()
    {
        var database = new Database(new DatabaseOptions { ConnectionString = $"Data Source={TestDatabase.NewPath("deferred")};Pooling=True" }, "deferred");
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            """
            PRAGMA journal_mode = WAL;
            CREATE TABLE items (id INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL);
            CREATE TABLE notes (item_id INTEGER NOT NULL REFERENCES items (id), text TEXT NOT NULL);
            """);
        return database;
    }

    [Fact]
    public async Task Deferred_writes_wait_for_the_flush_and_then_land_in_the_order_each_statement_was_first_sent()
    {
        var database = await DatabaseAsync();
        await using (var session = await database.BeginAsync())
        {
            session.DeferWrites();
            foreach (var id in Enumerable.Range(1, 50))
            {
                Assert.Null(await session.WriteAsync(InsertSql, new { Id = id, Name = "new" }));
                Assert.Null(await session.WriteAsync(RenameSql, new { Id = id, Name = $"item {id}" }));
                Assert.Null(await session.WriteAsync(InsertNoteSql, new { Id = id, Text = "note" }));
            }

            Assert.Equal(0, await session.Connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM items", transaction: session.Transaction));
            await session.WriteDeferredAsync();
            Assert.Equal(50, await session.Connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM items", transaction: session.Transaction));

            // No longer deferring: a write runs at once and says what it did.
            Assert.Equal(1, await session.WriteAsync(InsertSql, new { Id = 51, Name = "at once" }));
            await session.CommitAsync();
        }

        await using var connection = await database.OpenAsync();
        Assert.Equal("item 7", await connection.ExecuteScalarAsync<string>("SELECT name FROM items WHERE id = 7"));
        Assert.Equal(50, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM notes"));
    }

    [Fact]
    public async Task A_deferred_write_that_misses_its_row_fails_the_commit_and_keeps_nothing()
    {
        var database = await DatabaseAsync();
        await using (var session = await database.BeginAsync())
        {
            session.DeferWrites();
            await session.WriteAsync(InsertSql, new { Id = 1, Name = "one" });
            await session.WriteAsync(RenameSql, new { Id = 2, Name = "nobody" });
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => session.CommitAsync());
            Assert.Contains("affected 0 rows", refused.Message, StringComparison.Ordinal);
        }

        await using var connection = await database.OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM items"));
    }
}
