using System.Diagnostics;
using CsvHelper;
using Dapper;
using Microsoft.Data.Sqlite;

namespace TalentNet.Bench.Integrations;

/// <summary>
/// The baseline: the same file read with the same CSV reader, the same rows written with plain Dapper
/// in batches (a candidate, its external id and its application per row) — no validation, no
/// upsert, no stage history, no events, no counts.
/// </summary>
public static class RawInsert
{
    public const int BatchSize = 500;

    internal const string CandidateSql =
        """
        INSERT INTO candidates (id, full_name, email, phone, profiles, tags, external_ids, created_at, updated_at, version)
        VALUES (@Id, @FullName, @Email, NULL, '{}', '[]', @ExternalIds, @Now, @Now, 1)
        """;

    internal const string ExternalIdSql = "INSERT INTO candidate_external_ids (system, external_id, candidate_id) VALUES (@System, @ExternalId, @Id)";

    private const string ApplicationSql =
        """
        INSERT INTO applications (id, candidate_id, job_id, stage, stage_index, furthest_index, is_open, channel, campaign, created_at, updated_at, version, stage_history)
        VALUES (@ApplicationId, @Id, @JobId, @Stage, 0, 0, 1, @Channel, @Campaign, @AppliedAt, @Now, 1, '[]')
        """;

    public static async Task<double> RunAsync(string databasePath, string file, Guid job)
    {
        await using var connection = await OpenAsync(databasePath, job);
        var clock = Stopwatch.StartNew();
        await using var csv = CsvReader.FromFile(file, new CsvReaderOptions { Separator = ',' });
        var batch = new List<object>(BatchSize);
        while (await csv.ReadAsync())
        {
            var id = Guid.CreateVersion7();
            batch.Add(new
            {
                Id = id, ApplicationId = Guid.CreateVersion7(), FullName = csv.GetString(2), Email = csv.GetString(3),
                System = csv.GetString(0), ExternalId = csv.GetString(1), ExternalIds = $"{{\"{csv.GetString(0)}\":\"{csv.GetString(1)}\"}}",
                JobId = job, Channel = csv.GetString(5), Campaign = csv.GetString(6), AppliedAt = DateTimeOffset.Parse(csv.GetString(7), System.Globalization.CultureInfo.InvariantCulture),
                Stage = "sourced", Now = DateTimeOffset.UtcNow,
            });
            if (batch.Count == BatchSize)
            {
                await WriteAsync(connection, batch);
                batch.Clear();
            }
        }

        await WriteAsync(connection, batch);
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>A connection with the service's SQLite settings, and the job the rows apply to.</summary>
    internal static async Task<SqliteConnection> OpenAsync(string databasePath, Guid job)
    {
        var connection = new SqliteConnection($"Data Source={databasePath};Pooling=True");
        await connection.OpenAsync();
        await connection.ExecuteAsync("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size = -32768; PRAGMA wal_autocheckpoint = 16384;");
        await connection.ExecuteAsync(
            "INSERT OR IGNORE INTO jobs (id, title, department, location, skills, hiring_manager_email, posting_url, status, pipeline, created_at, updated_at, version) VALUES (@Id, 'Bench job', 'Engineering', NULL, '[]', 'ola@acme.example', NULL, 'open', '[]', @Now, @Now, 1)",
            new { Id = job, Now = DateTimeOffset.UtcNow });
        return connection;
    }

    public static async Task<long> CountAsync(string databasePath, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath}");
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    private static async Task WriteAsync(SqliteConnection connection, List<object> batch)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(CandidateSql, batch, transaction);
        await connection.ExecuteAsync(ExternalIdSql, batch, transaction);
        await connection.ExecuteAsync(ApplicationSql, batch, transaction);
        await transaction.CommitAsync();
    }
}
