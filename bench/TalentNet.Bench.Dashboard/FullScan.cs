using Dapper;
using TalentNet.Storage;

namespace TalentNet.Bench.Dashboard;

/// <summary>
/// The baseline: hand-written SQL that computes the dashboard's numbers for a window from the
/// tables themselves, one scan per figure group, as a dashboard without counts would. Only the
/// queries are timed (no HTTP, no JSON), which favours the baseline.
/// </summary>
internal static class FullScan
{
    private static readonly string[] CandidatesSql =
    [
        """
        SELECT a.channel, COALESCE(a.campaign, ''), json_extract(stage.value, '$.key'), COUNT(*)
        FROM applications a JOIN jobs j ON j.id = a.job_id JOIN json_each(j.pipeline) stage ON stage.key <= a.furthest_index
        WHERE a.created_at >= @FromInstant AND a.created_at < @ToInstant
        GROUP BY a.channel, COALESCE(a.campaign, ''), json_extract(stage.value, '$.key')
        """,
        """
        SELECT channel, COALESCE(campaign, ''), CAST(julianday(hired_at) - julianday(created_at) AS INTEGER), COUNT(*)
        FROM applications WHERE hired_at >= @FromInstant AND hired_at < @ToInstant
        GROUP BY channel, COALESCE(campaign, ''), CAST(julianday(hired_at) - julianday(created_at) AS INTEGER)
        """,
        "SELECT substr(created_at, 1, 7), channel, COUNT(*) FROM applications WHERE created_at >= @FromInstant AND created_at < @ToInstant GROUP BY 1, 2",
        "SELECT substr(hired_at, 1, 7), channel, COUNT(*) FROM applications WHERE hired_at >= @FromInstant AND hired_at < @ToInstant GROUP BY 1, 2",
        """
        SELECT tracking_token, SUM(CASE WHEN hired_at >= @FromInstant AND hired_at < @ToInstant THEN 1 ELSE 0 END) AS hires, COUNT(*)
        FROM applications WHERE tracking_token IS NOT NULL AND created_at >= @FromInstant AND created_at < @ToInstant
        GROUP BY tracking_token ORDER BY hires DESC LIMIT 10
        """,
        "SELECT channel, campaign, SUM(amount) FROM channel_spend WHERE month >= @From AND month <= @To GROUP BY channel, campaign",
    ];

    private static readonly string[] AlumniSql =
    [
        """
        SELECT substr(last_day, 1, 7), recommendation_status, returned_on IS NOT NULL, COUNT(*)
        FROM alumni WHERE last_day >= @FromDay AND last_day <= @ToDay GROUP BY 1, 2, 3
        """,
        "SELECT alumnus_id IS NOT NULL, COUNT(*) FROM hires WHERE hired_on >= @FromDay AND hired_on <= @ToDay GROUP BY 1",
        "SELECT months_away, COUNT(*) FROM alumni WHERE returned_on >= @FromDay AND returned_on <= @ToDay GROUP BY 1",
        "SELECT status = 'hired', COUNT(*) FROM referrals WHERE created_at >= @FromInstant AND created_at < @ToInstant GROUP BY 1",
    ];

    private static readonly string[] RecommendationsSql =
    [
        "SELECT department, manager_email, COUNT(*) FROM recommendation_requests WHERE last_day >= @FromDay AND last_day <= @ToDay GROUP BY 1, 2",
        "SELECT status, due_on < @Today, COUNT(*) FROM recommendation_requests WHERE last_day >= @FromDay AND last_day <= @ToDay GROUP BY 1, 2",
        """
        SELECT department, manager_email, CAST(julianday(given_at) - julianday(last_day) AS INTEGER), COUNT(*)
        FROM recommendation_requests WHERE given_at IS NOT NULL AND last_day >= @FromDay AND last_day <= @ToDay GROUP BY 1, 2, 3
        """,
        "SELECT COUNT(*) FROM recommendation_requests WHERE published_url IS NOT NULL AND given_at IS NOT NULL AND last_day >= @FromDay AND last_day <= @ToDay",
    ];

    /// <summary>Runs every scan over the three databases, one after another; returns the rows read.</summary>
    public static async Task<int> RunAsync(Database candidates, Database alumni, Database recommendations, DateOnly firstDay, DateOnly lastDay)
    {
        var parameters = new
        {
            From = firstDay.ToString("yyyy-MM"), To = lastDay.ToString("yyyy-MM"),
            FromDay = firstDay.ToString("yyyy-MM-dd"), ToDay = lastDay.ToString("yyyy-MM-dd"), Today = DateTime.UtcNow.ToString("yyyy-MM-dd"),
            FromInstant = DapperTypeHandlers.ToSqliteText(new DateTimeOffset(firstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)),
            ToInstant = DapperTypeHandlers.ToSqliteText(new DateTimeOffset(lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)),
        };
        var rows = 0;
        foreach (var (database, statements) in new[] { (candidates, CandidatesSql), (alumni, AlumniSql), (recommendations, RecommendationsSql) })
        {
            await using var connection = await database.OpenAsync();
            foreach (var sql in statements)
            {
                rows += (await connection.QueryAsync(sql, parameters, commandTimeout: 600)).Count();
            }
        }

        return rows;
    }
}
