using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TalentNet.Storage;

namespace TalentNet.Audit.Retention;

/// <summary>How often a service's retention rules run (<see cref="RetentionRegistration.AddRetention"/>).</summary>
public sealed record RetentionSchedule(TimeSpan Interval);

/// <summary>Runs a service's retention rules once per <see cref="RetentionSchedule"/> (daily) and records each run.</summary>
public sealed partial class RetentionSweep(
    IEnumerable<IRetentionRule> rules, Database database, RetentionSchedule schedule, TimeProvider clock, ILogger<RetentionSweep> logger) : BackgroundService
{
    internal const string RanSql = "UPDATE retention_runs SET last_run_at = @Now, affected = @Affected WHERE rule_name = @Rule";

    internal const string FirstRunSql =
        "INSERT INTO retention_runs (rule_name, last_run_at, affected) SELECT @Rule, @Now, @Affected WHERE NOT EXISTS (SELECT 1 FROM retention_runs WHERE rule_name = @Rule)";

    public IReadOnlyList<IRetentionRule> Rules { get; } = [.. rules];

    /// <summary>One run of every rule; says how many records changed in all.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var changed = 0;
        foreach (var rule in Rules)
        {
            var now = clock.GetUtcNow();
            var affected = await rule.ApplyAsync(now, cancellationToken);
            await using var session = await database.BeginAsync(cancellationToken);
            var ran = new { Rule = rule.Name, Now = now, Affected = affected };
            if (await session.Connection.ExecuteAsync(RanSql, ran, session.Transaction) == 0)
            {
                await session.Connection.ExecuteAsync(FirstRunSql, ran, session.Transaction);
            }

            await session.CommitAsync(cancellationToken);
            if (affected > 0)
            {
                LogApplied(rule.Name, affected);
            }

            changed += affected;
        }

        return changed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunAsync(stoppingToken);
                await Task.Delay(schedule.Interval, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is System.Data.Common.DbException or TimeoutException or System.Text.Json.JsonException)
            {
                LogFailed(exception);
                await Task.Delay(TimeSpan.FromMinutes(1), clock, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention rule {Rule} changed {Count} records")]
    private partial void LogApplied(string rule, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The retention sweep failed; trying again shortly")]
    private partial void LogFailed(Exception exception);
}
