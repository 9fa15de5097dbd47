using System.Text.Json;
using Dapper;
using TalentNet.Alumni.Features.Departures;
using TalentNet.Storage;

namespace TalentNet.Alumni.Features.Privacy;

/// <summary>
/// Runs Alumni's retention rules once a day: exit-interview notes and sentiment are removed from the
/// departure as recorded once <c>Alumni:Retention:ExitInterviewNotes</c> has passed since the last day.
/// The fingerprint an HRIS retry is compared with stays, so the same file again is still "unchanged".
/// </summary>
public sealed partial class RetentionSweep(Database database, AlumniOptions options, TimeProvider clock, ILogger<RetentionSweep> logger) : BackgroundService
{
    public const string ExitInterviewNotesRule = "exit-interview-notes";

    // Only bodies that still hold a note or a sentiment (written by the web serializer: "notes":"…").
    internal const string DueSql =
        "SELECT id AS Id, body AS Body FROM departures WHERE last_day < @Before AND (body LIKE '%\"notes\":\"%' OR body LIKE '%\"sentiment\":\"%')";

    internal const string ForgetSql = "UPDATE departures SET body = @Body WHERE id = @Id";

    internal const string RanSql = "UPDATE retention_runs SET last_run_at = @Now, affected = @Affected WHERE rule_name = @Rule";

    internal const string FirstRunSql = "INSERT INTO retention_runs (rule_name, last_run_at, affected) SELECT @Rule, @Now, @Affected WHERE NOT EXISTS (SELECT 1 FROM retention_runs WHERE rule_name = @Rule)";

    private sealed class DueRow
    {
        public Guid Id { get; init; }
        public string Body { get; init; } = "{}";
    }

    /// <summary>One run of every rule; says how many records changed.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var before = DateOnly.FromDateTime((now - options.Retention.ExitInterviewNotes).UtcDateTime);
        await using var session = await database.BeginAsync(cancellationToken);
        var due = (await session.Connection.QueryAsync<DueRow>(DueSql, new { Before = before }, session.Transaction)).ToList();
        foreach (var row in due)
        {
            var recorded = JsonSerializer.Deserialize<RecordDeparture.Request>(row.Body, RecordDeparture.Json)!;
            var kept = recorded with { ExitInterview = recorded.ExitInterview! with { Notes = null, Sentiment = null } };
            await session.Connection.ExecuteAsync(ForgetSql, new { row.Id, Body = JsonSerializer.Serialize(kept, RecordDeparture.Json) }, session.Transaction);
        }

        var ran = new { Rule = ExitInterviewNotesRule, Now = now, Affected = due.Count };
        if (await session.Connection.ExecuteAsync(RanSql, ran, session.Transaction) == 0)
        {
            await session.Connection.ExecuteAsync(FirstRunSql, ran, session.Transaction);
        }

        await session.CommitAsync(cancellationToken);
        return due.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RunAsync(stoppingToken) is > 0 and var changed)
                {
                    LogRemoved(changed);
                }

                await Task.Delay(options.Retention.SweepInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is System.Data.Common.DbException or TimeoutException or JsonException)
            {
                LogFailed(exception);
                await Task.Delay(TimeSpan.FromMinutes(1), clock, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed the exit-interview notes of {Count} departures past their retention")]
    private partial void LogRemoved(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The retention sweep failed; trying again shortly")]
    private partial void LogFailed(Exception exception);
}
