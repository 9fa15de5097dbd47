namespace TalentNet.Storage;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>Bound from the <c>Database</c> configuration section.</summary>
/// <summary>What a service does with its schema at start.</summary>
public enum MigrationMode
{
    /// <summary>Applies pending scripts, then serves (SQLite, development, a login that owns the schema).</summary>
    Apply,

    /// <summary>Refuses to start while a script is pending; never changes the schema (a login with data rights only).</summary>
    Verify,

    /// <summary>Applies pending scripts and exits: the migration step, run with a login that may change the schema.</summary>
    Only,
}

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Full connection string. For SQLite it may be left empty: the file is then
    /// <c>{DataDirectory}/{service}.db</c>.</summary>
    public string? ConnectionString { get; set; }

    public MigrationMode Migrations { get; set; } = MigrationMode.Apply;

    /// <summary>
    /// Only with this may a SQL Server connection string say <c>TrustServerCertificate=True</c>: it
    /// turns off the check of who answers, so anyone in the path can read the data. For a local SQL
    /// Server with a self-signed certificate (compose, the dev overlay).
    /// </summary>
    public bool AllowUntrustedServerCertificate { get; set; }

    /// <summary>Where SQLite files live; <c>TALENTNET_DATA_DIR</c> or <c>./data</c> when unset.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>How long SQLite waits on a locked database before giving up.</summary>
    public int BusyTimeoutMilliseconds { get; set; } = 5000;

    /// <summary>
    /// SQLite's <c>synchronous</c> setting. <c>NORMAL</c> (the default) with WAL survives a crash of
    /// the process without losing a committed transaction, and syncs to disk at checkpoints, not on
    /// every commit; <c>FULL</c> also survives a power cut, at several times the commit cost.
    /// </summary>
    public string SqliteSynchronous { get; set; } = "NORMAL";

    /// <summary>
    /// The page cache of each SQLite connection (SQLite's own default is 2 MiB): a write batch whose
    /// index pages stay cached is not spilled to the WAL halfway. Pages are taken as used, so idle
    /// connections do not hold it.
    /// </summary>
    public int SqliteCacheMiB { get; set; } = 32;

    /// <summary>
    /// How often a background task copies the WAL into the database file (a passive checkpoint,
    /// which blocks nobody), so that commits do not have to.
    /// </summary>
    public TimeSpan SqliteCheckpointInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// WAL pages after which a commit checkpoints itself, the safety net behind the background
    /// checkpoint (SQLite's default is 1,000, about 4 MiB: an import's batch writes more than that,
    /// and a checkpoint after every batch copies and syncs the same hot pages again and again).
    /// </summary>
    public int SqliteCheckpointPages { get; set; } = 16_384;

    /// <summary>How many idle SQLite connections stay open, each keeping its prepared statements.</summary>
    public int SqliteMaxIdleConnections { get; set; } = 32;

    /// <summary>How many queued write sessions may share one SQLite commit.</summary>
    public int SqliteMaxSessionsPerCommit { get; set; } = 32;

    private bool? TrustsAnyServerCertificate()
    {
        try
        {
            return new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(ConnectionString).TrustServerCertificate;
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or KeyNotFoundException)
        {
            return null;
        }
    }

    private static readonly string[] SynchronousModes = ["OFF", "NORMAL", "FULL", "EXTRA"];

    /// <summary>Refuses the start on any of <see cref="Problems"/>.</summary>
    public void ThrowIfInvalid()
    {
        if (Problems().ToList() is { Count: > 0 } problems)
        {
            throw new Microsoft.Extensions.Options.OptionsValidationException(Section, typeof(DatabaseOptions), problems);
        }
    }

    /// <summary>What is wrong with the settings, each naming its key (the start is refused on any).</summary>
    public IEnumerable<string> Problems()
    {
        if (Provider == DatabaseProvider.SqlServer && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return $"{Section}:ConnectionString is required when {Section}:Provider is SqlServer.";
        }
        else if (Provider == DatabaseProvider.SqlServer && TrustsAnyServerCertificate() is { } trusts)
        {
            if (trusts && !AllowUntrustedServerCertificate)
            {
                yield return $"{Section}:ConnectionString has TrustServerCertificate=True, which accepts any server; give SQL Server a certificate the service trusts, or set {Section}:AllowUntrustedServerCertificate for a local server.";
            }
        }
        else if (Provider == DatabaseProvider.SqlServer)
        {
            // Never echo it: the connection string carries the password.
            yield return $"{Section}:ConnectionString is not a valid SQL Server connection string.";
        }

        if (!SynchronousModes.Contains(SqliteSynchronous.ToUpperInvariant()))
        {
            yield return $"{Section}:SqliteSynchronous must be one of: {string.Join(", ", SynchronousModes)}.";
        }

        if (BusyTimeoutMilliseconds < 0)
        {
            yield return $"{Section}:BusyTimeoutMilliseconds must not be negative.";
        }

        if (SqliteCacheMiB is < 1 or > 1024)
        {
            yield return $"{Section}:SqliteCacheMiB must be 1 to 1024.";
        }

        if (SqliteCheckpointInterval <= TimeSpan.Zero || SqliteCheckpointInterval > TimeSpan.FromMinutes(10))
        {
            yield return $"{Section}:SqliteCheckpointInterval must be positive and at most 00:10:00.";
        }

        if (SqliteCheckpointPages is < 100 or > 1_000_000)
        {
            yield return $"{Section}:SqliteCheckpointPages must be 100 to 1000000.";
        }

        if (SqliteMaxIdleConnections < 1)
        {
            yield return $"{Section}:SqliteMaxIdleConnections must be positive.";
        }

        if (SqliteMaxSessionsPerCommit < 1)
        {
            yield return $"{Section}:SqliteMaxSessionsPerCommit must be positive.";
        }
    }
}
