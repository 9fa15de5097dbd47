using Dapper;
using TalentNet.Storage;
using TalentNet.Testing;

namespace TalentNet.Platform.Tests;

/// <summary>SQLite's undo journals stay in memory: no page images in temporary files, no system call per page.</summary>
public sealed class SqliteEngineTests
{
    [Fact]
    public async Task A_statement_that_changes_a_hundred_kilobytes_of_pages_keeps_its_undo_journal_in_memory()
    {
        var database = await DocumentsAsync("VALUES (1, randomblob(100000)), (2, randomblob(10))");
        await using var session = await database.BeginAsync();
        await session.Connection.ExecuteAsync("UPDATE documents SET body = randomblob(100000) WHERE id = 1", transaction: session.Transaction);
        await session.Connection.ExecuteAsync("UPDATE documents SET body = randomblob(10) WHERE id = 2", transaction: session.Transaction);

        // Linux (/proc), as the suite. At SQLite's default (64 KiB) the first update moves the journal to a deleted temporary file, held open until the commit.
        var temporary = Directory.GetFiles("/proc/self/fd").Select(TargetOf).Where(target => target.Contains("etilqs", StringComparison.Ordinal)).ToList();
        Assert.Empty(temporary);
        await session.CommitAsync();
    }

    [Fact]
    public async Task A_statement_whose_undo_journal_outgrows_memory_spills_to_a_file_and_commits()
    {
        var database = await DocumentsAsync("WITH RECURSIVE n(id) AS (SELECT 1 UNION ALL SELECT id + 1 FROM n WHERE id < 2000) SELECT id, randomblob(500) FROM n");

        // About 250 pages change: far past what stays in memory. Above 128 KiB the spill's single write failed (SQLITE_FULL).
        await using var session = await database.BeginAsync();
        Assert.Equal(2000, await session.Connection.ExecuteAsync("UPDATE documents SET body = randomblob(500)", transaction: session.Transaction));
        await session.Connection.ExecuteAsync("UPDATE documents SET body = randomblob(10) WHERE id = 1", transaction: session.Transaction);
        await session.CommitAsync();
    }

    /// <summary>A database with a documents table filled from <paramref name="rows"/> (id, body).</summary>
    private static async Task<Database> DocumentsAsync(string rows)
    {
        var database = new Database(new DatabaseOptions { ConnectionString = $"Data Source={TestDatabase.NewPath("engine")};Pooling=True" }, "engine");
        await using var connection = await database.OpenAsync();

        // A trigger makes SQLite journal each statement of a transaction (it cannot know the trigger will not undo it half-way).
        await connection.ExecuteAsync(
            $"""
            PRAGMA journal_mode = WAL;
            CREATE TABLE documents (id INTEGER NOT NULL PRIMARY KEY, body BLOB NOT NULL);
            CREATE TRIGGER documents_small BEFORE UPDATE ON documents WHEN length(NEW.body) > 1000000 BEGIN SELECT RAISE(ABORT, 'too large'); END;
            INSERT INTO documents (id, body) {rows};
            """);
        return database;
    }

    private static string TargetOf(string link)
    {
        try
        {
            return new FileInfo(link).LinkTarget ?? "";
        }
        catch (IOException)
        {
            return "";  // closed meanwhile
        }
    }
}
