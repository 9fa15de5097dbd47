using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace TalentNet.Storage;

/// <summary>Opens connections and write sessions for one service's own database.</summary>
public sealed class Database
{
    private readonly DatabaseOptions _options;

    public Database(DatabaseOptions options, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);
        DapperTypeHandlers.Register();
        _options = options;
        Provider = options.Provider;
        Dialect = SqlDialect.For(options.Provider);
        ConnectionString = BuildConnectionString(options, serviceName);
    }

    public DatabaseProvider Provider { get; }

    public SqlDialect Dialect { get; }

    public string ConnectionString { get; }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        DbConnection connection = Provider == DatabaseProvider.SqlServer
            ? new SqlConnection(ConnectionString)
            : new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (connection is SqliteConnection)
            {
                await using var pragma = connection.CreateCommand();
                pragma.CommandText = $"PRAGMA busy_timeout = {_options.BusyTimeoutMilliseconds}; PRAGMA foreign_keys = ON;";
                await pragma.ExecuteNonQueryAsync(cancellationToken);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Opens a connection with a write transaction. On SQLite the transaction starts as
    /// <c>BEGIN IMMEDIATE</c>, so concurrent writers queue on the busy timeout instead of failing
    /// later when a read lock would need upgrading.
    /// </summary>
    public async Task<DbSession> BeginAsync(CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken);
        try
        {
            var transaction = connection is SqliteConnection sqlite
                ? sqlite.BeginTransaction(deferred: false)
                : await connection.BeginTransactionAsync(cancellationToken);
            return new DbSession(connection, transaction, Dialect);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
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
