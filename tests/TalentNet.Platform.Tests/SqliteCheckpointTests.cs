using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TalentNet.Storage;
using TalentNet.Testing;

namespace TalentNet.Platform.Tests;

/// <summary>The WAL is copied into the database file in the background, not by the commits.</summary>
public sealed class SqliteCheckpointTests
{
    [Fact]
    public async Task Committed_pages_reach_the_database_file_without_a_commit_checkpointing()
    {
        var path = TestDatabase.NewPath("checkpoint");
        using var host = await DatabaseOnlyHost.StartAsync(path, new Dictionary<string, string?>
        {
            // Far beyond what the test writes: no commit checkpoints by itself.
            ["Database:SqliteCheckpointPages"] = "1000000",
            ["Database:SqliteCheckpointInterval"] = "00:00:00.05",
        });
        var database = host.Services.GetRequiredService<Database>();
        await using (var session = await database.BeginAsync())
        {
            await session.Connection.ExecuteAsync(
                "CREATE TABLE filler (id INTEGER PRIMARY KEY, text TEXT NOT NULL)", transaction: session.Transaction);
            await session.Connection.ExecuteAsync(
                "INSERT INTO filler (id, text) VALUES (@Id, @Text)",
                Enumerable.Range(1, 2000).Select(id => new { Id = id, Text = new string('x', 2000) }), session.Transaction);
            await session.CommitAsync();
        }

        // About 1,000 pages sit in the WAL after the commit; the main file holds them once checkpointed.
        var checkpointed = await Eventually.WaitForAsync(
            () => Task.FromResult(new FileInfo(path).Length), length => length > 3_000_000, TimeSpan.FromSeconds(10));
        Assert.True(checkpointed > 3_000_000, $"the database file is {checkpointed} bytes");
        await host.StopAsync();
    }
}
