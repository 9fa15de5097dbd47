using Dapper;
using TalentNet.Storage;

namespace TalentNet.Bench.Candidates;

/// <summary>The same reads and a single-row write with plain Dapper, no auth and no middleware.</summary>
public sealed class RawBaseline : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RawBaseline(WebApplication app) => _app = app;

    public sealed class ApplicationRow
    {
        public Guid Id { get; init; }
        public Guid CandidateId { get; init; }
        public Guid JobId { get; init; }
        public string Stage { get; init; } = "";
        public string Channel { get; init; } = "";
        public string? Campaign { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
    }

    /// <summary>Every column the API's application summary shows, flat.</summary>
    public sealed class SummaryRow
    {
        public Guid Id { get; init; }
        public Guid CandidateId { get; init; }
        public Guid JobId { get; init; }
        public string Stage { get; init; } = "";
        public long IsOpen { get; init; }
        public string Channel { get; init; } = "";
        public string? Campaign { get; init; }
        public string? PostUrl { get; init; }
        public string? SharedBy { get; init; }
        public string? ReferrerKind { get; init; }
        public string? ReferrerId { get; init; }
        public string? ReferrerEmail { get; init; }
        public string? TrackingToken { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }
        public DateTimeOffset? HiredAt { get; init; }
        public long Version { get; init; }
    }

    public static async Task<RawBaseline> StartAsync(Database database, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        await using (var connection = await database.OpenAsync())
        {
            await connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS raw_inserts (id TEXT NOT NULL PRIMARY KEY, created_at TEXT NOT NULL)");
        }

        app.MapGet("/raw/applications/{id:guid}", async (Guid id) =>
        {
            await using var connection = await database.OpenAsync();
            return await connection.QuerySingleOrDefaultAsync<ApplicationRow>(
                "SELECT id AS Id, candidate_id AS CandidateId, job_id AS JobId, stage AS Stage, channel AS Channel, campaign AS Campaign, created_at AS CreatedAt FROM applications WHERE id = @Id", new { Id = id });
        });
        app.MapGet("/raw/applications", async (Guid jobId) =>
        {
            await using var connection = await database.OpenAsync();
            return await connection.QueryAsync<ApplicationRow>(
                "SELECT id AS Id, candidate_id AS CandidateId, job_id AS JobId, stage AS Stage, channel AS Channel, campaign AS Campaign, created_at AS CreatedAt FROM applications WHERE job_id = @JobId ORDER BY created_at DESC, id DESC LIMIT 50",
                new { JobId = jobId });
        });
        app.MapGet("/raw/application-summaries", async (Guid jobId) =>
        {
            await using var connection = await database.OpenAsync();
            return await connection.QueryAsync<SummaryRow>(
                "SELECT id AS Id, candidate_id AS CandidateId, job_id AS JobId, stage AS Stage, is_open AS IsOpen, channel AS Channel, campaign AS Campaign, " +
                "post_url AS PostUrl, shared_by AS SharedBy, referrer_kind AS ReferrerKind, referrer_id AS ReferrerId, referrer_email AS ReferrerEmail, " +
                "tracking_token AS TrackingToken, created_at AS CreatedAt, updated_at AS UpdatedAt, hired_at AS HiredAt, version AS Version " +
                "FROM applications WHERE job_id = @JobId ORDER BY created_at DESC, id DESC LIMIT 50",
                new { JobId = jobId });
        });
        app.MapPost("/raw/insert", async () =>
        {
            await using var connection = await database.OpenAsync();
            await connection.ExecuteAsync("INSERT INTO raw_inserts (id, created_at) VALUES (@Id, @Now)", new { Id = Guid.NewGuid(), Now = DateTimeOffset.UtcNow });
            return Results.Ok();
        });
        await app.StartAsync();
        return new RawBaseline(app);
    }

    /// <summary>One scan: per channel, how many applications reached each default stage, and hires.</summary>
    public static async Task FunnelAggregateAsync(Database database)
    {
        await using var connection = await database.OpenAsync();
        await connection.QueryAsync(
            """
            SELECT channel,
                   COUNT(*) AS sourced,
                   SUM(CASE WHEN furthest_index >= 1 THEN 1 ELSE 0 END) AS contacted,
                   SUM(CASE WHEN furthest_index >= 2 THEN 1 ELSE 0 END) AS screening,
                   SUM(CASE WHEN furthest_index >= 3 THEN 1 ELSE 0 END) AS interview,
                   SUM(CASE WHEN furthest_index >= 4 THEN 1 ELSE 0 END) AS offer,
                   SUM(CASE WHEN hired_at IS NOT NULL THEN 1 ELSE 0 END) AS hired
            FROM applications GROUP BY channel
            """);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
