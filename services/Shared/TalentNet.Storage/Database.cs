using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TalentNet.Storage.Sqlite;

namespace TalentNet.Storage;

/// <summary>Opens connections and write sessions for one service's own database.</summary>
public sealed partial class Database
{
    private readonly DatabaseOptions _options;

    private readonly ILogger _logger;

    // SQLite allows one writer at a time. Queueing this process's writers is far cheaper than
    // letting them collide on the file lock, whose busy handler backs off by sleeping; other
    // processes on the same file still wait through busy_timeout.
    private readonly SqliteWriter? _sqliteWriter;

    private readonly SqliteConnectionPool? _sqlitePool;

    public Database(DatabaseOptions options, string serviceName, ILogger<Database>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);
        _logger = logger ?? NullLogger<Database>.Instance;
        DapperTypeHandlers.Register();
        options.ThrowIfInvalid();
        _options = options;
        Provider = options.Provider;
        Dialect = SqlDialect.For(options.Provider);
        ConnectionString = BuildConnectionString(options, serviceName);
        if (Provider == DatabaseProvider.Sqlite)
        {
            // Before the migrations or the pool open this process's first connection.
            SqliteEngine.EnsureConfigured();
            _sqlitePool = new SqliteConnectionPool(ConnectionString, Initialize, options.SqliteMaxIdleConnections);
            _sqliteWriter = new SqliteWriter(_sqlitePool, options.SqliteMaxSessionsPerCommit);
        }
    }

    public DatabaseProvider Provider { get; }

    public SqlDialect Dialect { get; }

    public string ConnectionString { get; }

    /// <summary>Statements SQLite has parsed and planned since start (each once per pooled connection).</summary>
    public long SqliteStatementsPrepared => _sqlitePool?.StatementsPrepared ?? 0;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (_sqlitePool is not null)
        {
            return _sqlitePool.Rent();
        }

        var connection = new SqlConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts a unit of work. On SQLite it waits for this process's turn at the single writer and
    /// holds the write lock from the start (no late lock upgrade that could fail); sessions queued
    /// behind each other share one commit (see <see cref="SqliteWriter"/>).
    /// </summary>
    public async Task<DbSession> BeginAsync(CancellationToken cancellationToken = default)
    {
        if (_sqliteWriter is not null)
        {
            return await _sqliteWriter.BeginAsync(Dialect, cancellationToken);
        }

        var connection = await OpenAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            return new DbSession(connection, transaction, Dialect, new OwnTransactionScope(connection, transaction));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// After an erasure: copies the write-ahead log into the database and empties the log file, so the
    /// old page images that still held the erased content are gone too (SQLite). Readers may hold the log
    /// a while: it tries again every 100 ms for 50 times <c>Database:BusyTimeoutMilliseconds</c>, and the
    /// answer says whether it got there. Each try gives up at once on a busy log, because SQLite blocks
    /// every writer while a truncating checkpoint waits for readers: one long report would otherwise
    /// stall the service's writes for the whole busy timeout, try after try.
    /// </summary>
    private async Task<bool> TruncateWriteAheadLogAsync(CancellationToken cancellationToken = default)
    {
        if (Provider != DatabaseProvider.Sqlite)
        {
            return true;
        }

        var giveUpAt = Environment.TickCount64 + (50L * _options.BusyTimeoutMilliseconds);
        while (true)
        {
            if (await TryTruncateWriteAheadLogOnceAsync(cancellationToken))
            {
                return true;
            }

            if (Environment.TickCount64 >= giveUpAt)
            {
                return false;
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private async Task<bool> TryTruncateWriteAheadLogOnceAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 0";
        await command.ExecuteNonQueryAsync(cancellationToken);
        try
        {
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) && reader.GetInt32(0) == 0;
        }
        finally
        {
            // The connection goes back to the pool.
            command.CommandText = $"PRAGMA busy_timeout = {_options.BusyTimeoutMilliseconds}";
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// <see cref="TruncateWriteAheadLogAsync"/> without holding up the caller (after an erasure's commit).
    /// A log it could not empty, or a failure, is logged: the erased bytes then stay in the log file until
    /// SQLite overwrites them, which under steady writes may take long.
    /// </summary>
    public void TruncateWriteAheadLogInBackground() => _ = TruncateOrWarnAsync();

    private async Task TruncateOrWarnAsync()
    {
        try
        {
            if (!await TruncateWriteAheadLogAsync())
            {
                LogNotTruncated(_logger);
            }
        }
        catch (Exception exception) when (exception is DbException or InvalidOperationException)
        {
            LogTruncationFailed(_logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "After an erasure the write-ahead log could not be emptied: a reader held it throughout; the next erasure or checkpoint tries again")]
    private static partial void LogNotTruncated(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "After an erasure emptying the write-ahead log failed")]
    private static partial void LogTruncationFailed(ILogger logger, Exception exception);

    private void Initialize(SqliteConnection connection)
    {
        using var pragma = connection.CreateCommand();
        pragma.CommandText =
            $"PRAGMA busy_timeout = {_options.BusyTimeoutMilliseconds}; PRAGMA foreign_keys = ON; PRAGMA synchronous = {_options.SqliteSynchronous.ToUpperInvariant()};" +
            $" PRAGMA cache_size = -{_options.SqliteCacheMiB * 1024}; PRAGMA wal_autocheckpoint = {_options.SqliteCheckpointPages};" +
            // Deleted and overwritten content is zeroed, not left in free pages: erasure must erase the bytes.
            " PRAGMA secure_delete = ON;";
        pragma.ExecuteNonQuery();
    }

    private static string BuildConnectionString(DatabaseOptions options, string serviceName)
    {
        if (options.Provider == DatabaseProvider.SqlServer)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                throw new InvalidOperationException(
                    "Database:ConnectionString is required when Database:Provider is SqlServer.");
            }

            return options.ConnectionString;
        }

        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return options.ConnectionString;
        }

        var directory = Path.GetFullPath(
            options.DataDirectory
            ?? Environment.GetEnvironmentVariable("TALENTNET_DATA_DIR")
            ?? "data");
        Directory.CreateDirectory(directory);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(directory, $"{serviceName.ToLowerInvariant()}.db"),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = Math.Max(1, options.BusyTimeoutMilliseconds / 1000),
        }.ToString();
    }
}
