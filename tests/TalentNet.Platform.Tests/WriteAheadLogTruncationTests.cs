using System.Diagnostics;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TalentNet.Storage;
using TalentNet.Testing;

namespace TalentNet.Platform.Tests;

/// <summary>
/// After an erasure the write-ahead log is emptied in the background; when a reader holds it past every
/// attempt, the service says so in its log instead of leaving the erased bytes there unnoticed, and its
/// writers are not held up meanwhile.
/// </summary>
public sealed class WriteAheadLogTruncationTests
{
    [Fact]
    public async Task A_log_a_reader_holds_is_reported_and_emptied_once_the_reader_is_gone()
    {
        var path = TestDatabase.NewPath("wal-truncation");
        var logs = new CapturedLogs();
        using var host = await StartAsync(path, busyTimeoutMilliseconds: 20, logs);
        var database = host.Services.GetRequiredService<Database>();
        await using (await HoldASnapshotAsync(path, database))
        {
            await WriteAsync(database, "UPDATE rows SET text = ''");

            database.TruncateWriteAheadLogInBackground();
            var reported = await Eventually.WaitForAsync(
                () => Task.FromResult(logs.Text()), text => text.Contains("could not be emptied", StringComparison.Ordinal), TimeSpan.FromSeconds(60), 100);
            Assert.Contains("Warning TalentNet.Storage.Database", reported, StringComparison.Ordinal);
            Assert.True(new FileInfo(path + "-wal").Length > 0);
        }

        database.TruncateWriteAheadLogInBackground();
        Assert.Equal(0, await Eventually.WaitForAsync(() => Task.FromResult(new FileInfo(path + "-wal").Length), length => length == 0, TimeSpan.FromSeconds(30), 100));
        Assert.Single(logs.Text().Split('\n'), line => line.Contains("could not be emptied", StringComparison.Ordinal));
        await host.StopAsync();
    }

    [Fact]
    public async Task Writers_do_not_wait_while_the_truncation_waits_for_a_long_reader()
    {
        var path = TestDatabase.NewPath("wal-truncation-writers");
        using var host = await StartAsync(path, busyTimeoutMilliseconds: 3000);
        var database = host.Services.GetRequiredService<Database>();
        await using (await HoldASnapshotAsync(path, database))
        {
            await WriteAsync(database, "INSERT INTO rows (text) VALUES ('after the reader began')");

            // The reader outlasts the busy timeout while the service keeps writing.
            database.TruncateWriteAheadLogInBackground();
            var longest = TimeSpan.Zero;
            var writing = Stopwatch.StartNew();
            while (writing.Elapsed < TimeSpan.FromSeconds(4))
            {
                var write = Stopwatch.StartNew();
                await WriteAsync(database, "INSERT INTO rows (text) VALUES ('during the truncation')");
                longest = write.Elapsed > longest ? write.Elapsed : longest;
                await Task.Delay(10);
            }

            // A write takes milliseconds; before, each waited out the truncation's busy timeout (3 s).
            Assert.True(longest < TimeSpan.FromSeconds(1), $"a write waited {longest.TotalMilliseconds:F0} ms for the truncation");
        }

        database.TruncateWriteAheadLogInBackground();
        Assert.Equal(0, await Eventually.WaitForAsync(() => Task.FromResult(new FileInfo(path + "-wal").Length), length => length == 0, TimeSpan.FromSeconds(30), 100));
        await host.StopAsync();
    }

    private static Task<IHost> StartAsync(string path, int busyTimeoutMilliseconds, CapturedLogs? logs = null) =>
        DatabaseOnlyHost.StartAsync(path, new Dictionary<string, string?>
        {
            ["Database:BusyTimeoutMilliseconds"] = busyTimeoutMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Only the truncation may empty the log in these tests.
            ["Database:SqliteCheckpointPages"] = "1000000",
            ["Database:SqliteCheckpointInterval"] = "00:10:00",
        }, logs);

    /// <summary>A row written, then a reader whose open snapshot keeps the log from being emptied until it is disposed.</summary>
    private static async Task<ReadSnapshot> HoldASnapshotAsync(string path, Database database)
    {
        await WriteAsync(database, "CREATE TABLE rows (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
        await WriteAsync(database, "INSERT INTO rows (text) VALUES ('Kari Nordmann')");
        var reader = new SqliteConnection($"Data Source={path};Pooling=False");
        await reader.OpenAsync();
        var snapshot = reader.BeginTransaction(deferred: true);
        Assert.Equal(1, await reader.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM rows", transaction: snapshot));
        return new ReadSnapshot(reader, snapshot);
    }

    private sealed record ReadSnapshot(SqliteConnection Reader, SqliteTransaction Snapshot) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Snapshot.DisposeAsync();
            await Reader.DisposeAsync();
        }
    }

    private static async Task WriteAsync(Database database, string sql)
    {
        await using var session = await database.BeginAsync();
        await session.Connection.ExecuteAsync(sql, transaction: session.Transaction);
        await session.CommitAsync();
    }
}
