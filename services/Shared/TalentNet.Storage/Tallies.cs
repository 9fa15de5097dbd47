using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Dapper;

namespace TalentNet.Storage;

/// <summary>
/// One dashboard count: what is counted (<see cref="Metric"/>), in which month and department, and
/// up to four more dimensions a metric may use (empty or 0 when it does not). <see cref="Value"/>
/// is a histogram bucket (days, months) so that medians can be read from counts.
/// </summary>
public readonly record struct TallyKey(string Metric, string Month, string Department, string Channel = "", string Campaign = "", string Label = "", int Value = 0);

/// <summary>A summed count as the dashboards read it.</summary>
public sealed class TallyRow
{
    public string Metric { get; init; } = "";
    public string Month { get; init; } = "";
    public string Department { get; init; } = "";
    public string Channel { get; init; } = "";
    public string Campaign { get; init; } = "";
    public string Label { get; init; } = "";
    public int Value { get; init; }
    public long Total { get; init; }
}

/// <summary>
/// Counts kept current in the transaction of the write that changes them (table
/// <c>dashboard_tallies</c>), so a dashboard reads a few thousand counts instead of scanning
/// applications, departures or requests. A change of state moves one count to another key.
/// </summary>
public static class Tallies
{
    public const string MonthFormat = "yyyy-MM";

    /// <summary>
    /// SQL Server: one MERGE that adds to the count or creates it. SQLite: an increment, followed by
    /// <see cref="InsertSql"/> when there was no count yet; SQLite holds one writer at a time, so
    /// nobody can insert the key in between, and an existing count (the usual case) costs one seek
    /// where an upsert seeks for the insert and again for the update.
    /// </summary>
    internal static string AddSql(SqlDialect dialect) => dialect.Provider == DatabaseProvider.SqlServer ? Merge : Increment;

    private const string Increment =
        """
        UPDATE dashboard_tallies SET total = total + @Delta
        WHERE metric = @Metric AND month = @Month AND department = @Department AND channel = @Channel AND campaign = @Campaign
          AND label = @Label AND value = @Value
        """;

    internal const string InsertSql =
        """
        INSERT INTO dashboard_tallies (metric, month, department, channel, campaign, label, value, total)
        VALUES (@Metric, @Month, @Department, @Channel, @Campaign, @Label, @Value, @Delta)
        """;

    private const string Merge =
        """
        MERGE dashboard_tallies WITH (HOLDLOCK) AS t
        USING (SELECT @Metric AS metric, @Month AS month, @Department AS department, @Channel AS channel, @Campaign AS campaign,
                      @Label AS label, @Value AS value) AS s
        ON t.metric = s.metric AND t.month = s.month AND t.department = s.department AND t.channel = s.channel
           AND t.campaign = s.campaign AND t.label = s.label AND t.value = s.value
        WHEN MATCHED THEN UPDATE SET total = t.total + @Delta
        WHEN NOT MATCHED THEN INSERT (metric, month, department, channel, campaign, label, value, total)
            VALUES (s.metric, s.month, s.department, s.channel, s.campaign, s.label, s.value, @Delta);
        """;

    internal static string ReadSql(bool department, bool byMonth, bool byDepartment, bool channelOnly) =>
        $"""
        SELECT metric AS Metric, {(byMonth ? "month" : "''")} AS Month, {(byDepartment ? "department" : "''")} AS Department,
               channel AS Channel, {(channelOnly ? "'' AS Campaign, '' AS Label, 0" : "campaign AS Campaign, label AS Label, value")} AS Value,
               SUM(total) AS Total
        FROM dashboard_tallies
        WHERE metric IN @Metrics AND month >= @From AND month <= @To{(department ? " AND department = @Department" : "")}
        GROUP BY metric, {(byMonth ? "month, " : "")}{(byDepartment ? "department, " : "")}channel{(channelOnly ? "" : ", campaign, label, value")}
        HAVING SUM(total) <> 0
        """;

    internal static string DepartmentsSql(string? also) =>
        $"SELECT department FROM dashboard_departments{(also is null ? "" : $" UNION {also}")} ORDER BY 1";

    internal static string AddDepartmentSql(SqlDialect dialect) =>
        dialect.InsertIfAbsent("dashboard_departments", "department", "@Department", "department = @Department");

    /// <summary>Departments this process has seen committed to a database's dashboard_departments: a write need not ask again.</summary>
    private static readonly ConcurrentDictionary<(string Database, string Department), bool> KnownDepartments = new();

    /// <summary>For the benchmark that measures what keeping the counts costs (bench/TalentNet.Bench.Dashboard) only.</summary>
    internal static bool Suspended { get; set; }

    public static string MonthOf(DateOnly day) => day.ToString(MonthFormat, CultureInfo.InvariantCulture);

    public static string MonthOf(DateTimeOffset instant) => instant.UtcDateTime.ToString(MonthFormat, CultureInfo.InvariantCulture);

    /// <summary>Adds each delta to its count (creating it at the delta); zero deltas are skipped.</summary>
    public static async Task AddAsync(DbSession session, IEnumerable<(TallyKey Key, long Delta)> changes)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(changes);
        if (Suspended)
        {
            return;
        }

        if (session.PendingTallies is { } pending)
        {
            foreach (var (key, delta) in changes)
            {
                pending[key] = pending.GetValueOrDefault(key) + delta;
            }

            return;
        }

        var rows = changes
            .Where(change => change.Delta != 0)
            .GroupBy(change => change.Key)
            .Select(group => (group.Key, Delta: group.Sum(change => change.Delta)))
            .Where(change => change.Delta != 0)
            .Select(change => new
            {
                change.Key.Metric, change.Key.Month, change.Key.Department, change.Key.Channel, change.Key.Campaign, change.Key.Label,
                change.Key.Value, change.Delta,
            })
            .ToList();
        if (rows.Count > 0)
        {
            foreach (var row in rows)
            {
                if (await session.Connection.ExecuteAsync(AddSql(session.Dialect), row, session.Transaction) == 0)
                {
                    await session.Connection.ExecuteAsync(InsertSql, row, session.Transaction);
                }
            }

            var database = session.Connection.ConnectionString;
            var departments = rows.Select(row => row.Department)
                .Where(department => department.Length > 0 && !KnownDepartments.ContainsKey((database, department))).Distinct().ToList();
            if (departments.Count > 0)
            {
                await session.Connection.ExecuteAsync(AddDepartmentSql(session.Dialect), departments.Select(department => new { Department = department }), session.Transaction);
                session.AfterCommit(() => departments.ForEach(department => KnownDepartments.TryAdd((database, department), true)));
            }
        }
    }

    public static Task AddAsync(DbSession session, TallyKey key, long delta = 1) => AddAsync(session, [(key, delta)]);

    /// <summary>One thing changed state: its count leaves one key for another.</summary>
    public static Task MoveAsync(DbSession session, TallyKey from, TallyKey to) =>
        from == to ? Task.CompletedTask : AddAsync(session, [(from, -1), (to, 1)]);

    /// <summary>
    /// The counts of the given metrics in an inclusive month window (of one department when given),
    /// summed over months unless <paramref name="byMonth"/>, over departments unless <paramref name="byDepartment"/>,
    /// and over campaigns, labels and values when <paramref name="channelOnly"/>.
    /// </summary>
    public static async Task<IReadOnlyList<TallyRow>> ReadAsync(
        DbConnection connection, string fromMonth, string toMonth, string? department, IReadOnlyCollection<string> metrics, bool byMonth,
        bool byDepartment = false, bool channelOnly = false)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rows = await connection.QueryAsync<TallyRow>(
            ReadSql(department is not null, byMonth, byDepartment, channelOnly),
            new { From = fromMonth, To = toMonth, Department = department, Metrics = metrics });
        return rows.AsList();
    }

    /// <summary>
    /// Every department any count names, with those a small table names (<paramref name="also"/>,
    /// a SELECT of one column): the values a dashboard filter may take.
    /// </summary>
    public static async Task<IReadOnlyList<string>> DepartmentsAsync(DbConnection connection, string? also = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return (await connection.QueryAsync<string>(DepartmentsSql(also))).AsList();
    }

    /// <summary>The median of a histogram (bucket value → count), or null when it is empty.</summary>
    public static double? Median(IEnumerable<(int Value, long Count)> histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var buckets = histogram.Where(bucket => bucket.Count > 0).OrderBy(bucket => bucket.Value).ToList();
        var total = buckets.Sum(bucket => bucket.Count);
        if (total == 0)
        {
            return null;
        }

        return (ValueAt(buckets, (total - 1) / 2) + ValueAt(buckets, total / 2)) / 2.0;
    }

    private static int ValueAt(List<(int Value, long Count)> buckets, long index)
    {
        foreach (var (value, count) in buckets)
        {
            if (index < count)
            {
                return value;
            }

            index -= count;
        }

        throw new ArgumentOutOfRangeException(nameof(index));
    }
}
