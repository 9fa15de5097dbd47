using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TalentNet.Storage.Sqlite;

/// <summary>
/// Copies the WAL into the database file in the background, every
/// <see cref="DatabaseOptions.SqliteCheckpointInterval"/>, so that commits do not: a checkpoint run
/// by a commit (SQLite's default) stalls that commit and everyone queued behind it for as long as
/// the copy and its sync take. A passive checkpoint never blocks writers or readers; the commit-time
/// checkpoint stays as the safety net (<see cref="DatabaseOptions.SqliteCheckpointPages"/>) for a
/// WAL that grows faster than this keeps up with.
/// </summary>
internal sealed partial class SqliteCheckpointer(Database database, DatabaseOptions options, ILogger<SqliteCheckpointer> logger)
    : BackgroundService
{
    // SQLite only (registered for SQLite alone), so not a ...Sql statement for the SQL Server parse check.
    internal const string CheckpointPragma = "PRAGMA wal_checkpoint(PASSIVE)";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Real time, not the service's TimeProvider: a test clock moved on by days would fire this
        // millions of times at once, and WAL pages pile up in real time anyway.
        using var timer = new PeriodicTimer(options.SqliteCheckpointInterval);
        while (await WaitAsync(timer, stoppingToken))
        {
            try
            {
                await using var connection = await database.OpenAsync(stoppingToken);
                await connection.ExecuteAsync(CheckpointPragma);
            }
            catch (Exception exception) when (exception is System.Data.Common.DbException or InvalidOperationException)
            {
                // The next tick tries again; meanwhile commits checkpoint past SqliteCheckpointPages.
                LogCheckpointFailed(logger, exception);
            }
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A background WAL checkpoint failed")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception);
}
