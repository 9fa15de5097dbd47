using Dapper;
using TalentNet.Storage;
using TalentNet.Testing;

namespace TalentNet.Platform.Tests;

/// <summary>Write sessions queued on SQLite share commits; each must still stand or fall on its own.</summary>
public sealed class SqliteWriterTests
{
    private static async Task<Database> DatabaseAsync()
    {
        var database = new Database(new DatabaseOptions { ConnectionString = $"Data Source={TestDatabase.NewPath("writer")};Pooling=True" }, "writer");
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync("PRAGMA journal_mode = WAL; CREATE TABLE items (id INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL)");
        return database;
    }

    [Fact]
    public async Task A_session_that_fails_or_rolls_back_takes_none_of_the_others_with_it()
    {
        var database = await DatabaseAsync();
        var sessions = Enumerable.Range(1, 60).Select(id => Task.Run(async () =>
        {
            await using var session = await database.BeginAsync();
            await session.Connection.ExecuteAsync("INSERT INTO items (id, name) VALUES (@Id, 'kept')", new { Id = id }, session.Transaction);
            if (id % 5 == 0)
            {
                return;  // disposed without committing
            }

            if (id % 7 == 0)
            {
                // A constraint failure inside the session; the feature gives up on it.
                await Assert.ThrowsAnyAsync<Exception>(() =>
                    session.Connection.ExecuteAsync("INSERT INTO items (id, name) VALUES (@Id, 'twice')", new { Id = id }, session.Transaction));
                return;
            }

            await session.CommitAsync();
        }));
        await Task.WhenAll(sessions);

        await using var connection = await database.OpenAsync();
        var kept = (await connection.QueryAsync<int>("SELECT id FROM items ORDER BY id")).ToList();
        Assert.Equal(Enumerable.Range(1, 60).Where(id => id % 5 != 0 && id % 7 != 0).ToList(), kept);
    }

    [Fact]
    public async Task The_first_session_of_a_shared_transaction_rolls_back_alone_and_those_queued_behind_it_still_commit()
    {
        var database = await DatabaseAsync();
        var first = await database.BeginAsync();
        await first.Connection.ExecuteAsync("INSERT INTO items (id, name) VALUES (1, 'undone')", transaction: first.Transaction);
        var queued = Task.Run(async () =>
        {
            await using var second = await database.BeginAsync();
            await second.Connection.ExecuteAsync("INSERT INTO items (id, name) VALUES (2, 'kept')", transaction: second.Transaction);
            await second.CommitAsync();
        });
        var third = Task.Run(async () =>
        {
            await Task.Delay(50);
            await using var session = await database.BeginAsync();
            await session.Connection.ExecuteAsync("INSERT INTO items (id, name) VALUES (3, 'undone too')", transaction: session.Transaction);
        });

        // The first holds the turn, with no savepoint (the transaction was empty); the others wait for it.
        await Task.Delay(200);
        await first.DisposeAsync();
        await Task.WhenAll(queued, third);

        await using var connection = await database.OpenAsync();
        Assert.Equal([2], (await connection.QueryAsync<int>("SELECT id FROM items ORDER BY id")).ToList());
    }

    [Fact]
    public async Task A_commit_returns_only_once_its_rows_are_visible_to_every_connection()
    {
        var database = await DatabaseAsync();
        var visibleAtReturn = await Task.WhenAll(Enumerable.Range(1, 40).Select(id => Task.Run(async () =>
        {
            var ran = false;
            await using (var session = await database.BeginAsync())
            {
                await session.Connection.ExecuteAsync("INSERT INTO items (id, name) VALUES (@Id, 'x')", new { Id = id }, session.Transaction);
                session.AfterCommit(() => ran = true);
                await session.CommitAsync();
            }

            await using var other = await database.OpenAsync();
            return ran && await other.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM items WHERE id = @Id", new { Id = id }) == 1;
        })));
        Assert.All(visibleAtReturn, Assert.True);
    }

    [Fact]
    public async Task A_cancelled_session_still_lets_the_batch_before_it_commit()
    {
        var database = await DatabaseAsync();
        await using var first = await database.BeginAsync();
        await first.Connection.ExecuteAsync("INSERT INTO items (id, name) VALUES (1, 'first')", transaction: first.Transaction);
        using var cancelled = new CancellationTokenSource();
        var queued = database.BeginAsync(cancelled.Token);
        await cancelled.CancelAsync();

        // The first session hands its turn to the queued one, which was cancelled meanwhile.
        var committing = first.CommitAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        await committing.WaitAsync(TimeSpan.FromSeconds(10));

        await using var connection = await database.OpenAsync();
        Assert.Equal("first", await connection.ExecuteScalarAsync<string>("SELECT name FROM items WHERE id = 1"));
        await using var next = await database.BeginAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await next.CommitAsync();
    }
}
