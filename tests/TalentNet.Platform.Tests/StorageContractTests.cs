using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using TalentNet.Storage;
using TalentNet.Testing;
using Testcontainers.MsSql;

namespace TalentNet.Platform.Tests;

/// <summary>
/// One storage suite, run on SQLite always and on SQL Server wherever a Docker engine is reachable.
/// </summary>
public abstract class StorageContractTests
{
    protected abstract Task<Database> DatabaseAsync();

    [SkippableFact]
    public async Task Guid_datetimeoffset_and_dateonly_round_trip_exactly()
    {
        var database = await DatabaseAsync();
        var id = Guid.NewGuid();
        var at = new DateTimeOffset(2026, 11, 28, 13, 45, 12, TimeSpan.FromHours(2)).AddTicks(1234567);
        var day = new DateOnly(2026, 10, 31);
        await using var session = await database.BeginAsync();
        await session.Connection.ExecuteAsync(
            "INSERT INTO jobs (id, title, department, location, skills, hiring_manager_email, status, pipeline, created_at, updated_at, closed_at, version) " +
            "VALUES (@Id, 't', 'd', NULL, '[]', 'm@x.example', 'open', '[]', @At, @At, NULL, 1)",
            new { Id = id, At = at }, session.Transaction);
        var row = await session.Connection.QuerySingleAsync<(Guid Id, DateTimeOffset CreatedAt)>(
            "SELECT id, created_at FROM jobs WHERE id = @Id", new { Id = id }, session.Transaction);
        var roundTripped = await session.Connection.QuerySingleAsync<DateOnly>("SELECT @Day", new { Day = day }, session.Transaction);
        await session.RollbackAsync();

        Assert.Equal(id, row.Id);
        Assert.Equal(at, row.CreatedAt);
        Assert.Equal(at.UtcTicks, row.CreatedAt.UtcTicks);
        Assert.Equal(day, roundTripped);
    }

    [SkippableFact]
    public async Task Instants_compare_in_time_order_whatever_offset_they_were_written_with()
    {
        var database = await DatabaseAsync();
        var early = new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.FromHours(5));  // 05:00Z
        var late = new DateTimeOffset(2026, 1, 1, 6, 0, 0, TimeSpan.Zero);            // 06:00Z
        await using var session = await database.BeginAsync();
        foreach (var (title, at) in new[] { ("late", late), ("early", early) })
        {
            await session.Connection.ExecuteAsync(
                "INSERT INTO jobs (id, title, department, location, skills, hiring_manager_email, status, pipeline, created_at, updated_at, closed_at, version) " +
                "VALUES (@Id, @Title, 'order', NULL, '[]', 'm@x.example', 'open', '[]', @At, @At, NULL, 1)",
                new { Id = Guid.NewGuid(), Title = title, At = at }, session.Transaction);
        }

        var ordered = (await session.Connection.QueryAsync<string>(
            "SELECT title FROM jobs WHERE department = 'order' AND created_at < @Cutoff ORDER BY created_at",
            new { Cutoff = new DateTimeOffset(2026, 1, 1, 5, 30, 0, TimeSpan.Zero).ToOffset(TimeSpan.FromHours(-8)) }, session.Transaction)).ToList();
        await session.RollbackAsync();
        Assert.Equal(["early"], ordered);
    }

    [SkippableFact]
    public async Task Insert_if_absent_affects_no_row_the_second_time()
    {
        var database = await DatabaseAsync();
        var sql = database.Dialect.InsertIfAbsent("inbox_messages", "message_id, consumer, message_type, processed_at",
            "@MessageId, @Consumer, 'T', @Now", "message_id = @MessageId AND consumer = @Consumer");
        var key = new { MessageId = Guid.NewGuid(), Consumer = "contract", Now = DateTimeOffset.UtcNow };
        await using var connection = await database.OpenAsync();
        Assert.Equal(1, await connection.ExecuteAsync(sql, key));
        Assert.Equal(0, await connection.ExecuteAsync(sql, key));
    }

    [SkippableFact]
    public async Task Paging_skips_and_takes_in_order()
    {
        var database = await DatabaseAsync();
        await using var session = await database.BeginAsync();
        for (var i = 0; i < 5; i++)
        {
            await session.Connection.ExecuteAsync(
                "INSERT INTO jobs (id, title, department, location, skills, hiring_manager_email, status, pipeline, created_at, updated_at, closed_at, version) " +
                "VALUES (@Id, @Title, 'paging', NULL, '[]', 'm@x.example', 'open', '[]', @At, @At, NULL, 1)",
                new { Id = Guid.NewGuid(), Title = $"job {i}", At = DateTimeOffset.UnixEpoch.AddDays(i) }, session.Transaction);
        }

        var page = await session.Connection.QueryAsync<string>(
            $"SELECT title FROM jobs WHERE department = 'paging' ORDER BY created_at {database.Dialect.Paging}",
            new { Skip = 1, Take = 2 }, session.Transaction);
        await session.RollbackAsync();
        Assert.Equal(["job 1", "job 2"], page);
    }

    [SkippableFact]
    public async Task A_session_disposed_without_commit_rolls_back()
    {
        var database = await DatabaseAsync();
        var id = Guid.NewGuid();
        await using (var session = await database.BeginAsync())
        {
            await session.Connection.ExecuteAsync(
                "INSERT INTO inbox_messages (message_id, consumer, message_type, processed_at) VALUES (@Id, 'rollback', 'T', @Now)",
                new { Id = id, Now = DateTimeOffset.UtcNow }, session.Transaction);
        }

        await using var connection = await database.OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM inbox_messages WHERE message_id = @Id", new { Id = id }));
    }

    [SkippableFact]
    public async Task Money_round_trips_exactly_and_sums_exactly()
    {
        var database = await DatabaseAsync();
        var column = database.Dialect.Provider == DatabaseProvider.Sqlite ? "INTEGER" : "decimal(19,4)";
        var table = $"money_{Guid.NewGuid():N}";
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync($"CREATE TABLE {table} (id INT NOT NULL PRIMARY KEY, amount {column} NOT NULL)");
        decimal[] amounts = [12000.00m, 12000.50m, 0.0001m, 922337203685.4775m, -3.1m, 0.1m, 0.2m];
        for (var i = 0; i < amounts.Length; i++)
        {
            await connection.ExecuteAsync($"INSERT INTO {table} (id, amount) VALUES (@Id, @Amount)", new { Id = i, Amount = new Money(amounts[i]) });
        }

        var read = (await connection.QueryAsync<Money>($"SELECT amount FROM {table} ORDER BY id")).Select(money => money.Amount).ToList();
        var sum = await connection.QuerySingleAsync<Money>($"SELECT SUM(amount) FROM {table} WHERE id <> 3");
        await connection.ExecuteAsync($"DROP TABLE {table}");

        Assert.Equal(amounts, read);
        Assert.Equal(24000.8001m - 3.1m, sum.Amount);
        Assert.Throws<ArgumentException>(() => new Money(0.00001m).ToSqliteUnits());
    }

    protected static Database Migrate(DatabaseOptions options)
    {
        var database = new Database(options, "contract");
        Migrator.Apply(database, SqlStatements.Modules, NullLogger.Instance);
        return database;
    }
}

public sealed class SqliteStorageContractTests : StorageContractTests
{
    private static readonly Lazy<Database> Shared = new(() =>
        Migrate(new DatabaseOptions { ConnectionString = $"Data Source={TestDatabase.NewPath("contract")}" }));

    protected override Task<Database> DatabaseAsync() => Task.FromResult(Shared.Value);
}

public sealed class SqlServerStorageContractTests : StorageContractTests
{
    private static readonly Lazy<Task<Database>> Shared = new(async () =>
    {
        var container = new MsSqlBuilder("mcr.microsoft.com/mssql/server:2022-CU14-ubuntu-22.04").Build();
        await container.StartAsync();
        return Migrate(new DatabaseOptions
        {
            Provider = DatabaseProvider.SqlServer,
            ConnectionString = container.GetConnectionString().Replace("Database=master", "Database=talentnet_contract", StringComparison.Ordinal),
            // The container's certificate is self-signed.
            AllowUntrustedServerCertificate = true,
        });
    });

    protected override Task<Database> DatabaseAsync()
    {
        Skip.IfNot(DockerEngine.IsAvailable, DockerEngine.SkipReason);
        return Shared.Value;
    }
}
