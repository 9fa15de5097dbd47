using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.Storage;

namespace TalentNet.Audit.Retention;

public static class RetentionRegistration
{
    /// <summary>The sweep that runs the service's <see cref="IRetentionRule"/>s (registered beside it) every <paramref name="interval"/>.</summary>
    public static IServiceCollection AddRetention(this IServiceCollection services, Func<IServiceProvider, TimeSpan> interval)
    {
        services.AddSingleton(provider => new RetentionSchedule(interval(provider)));
        services.AddSingleton<RetentionSweep>();
        services.AddHostedService(provider => provider.GetRequiredService<RetentionSweep>());
        return services;
    }

    /// <summary>A rule as HR reads it, with its last run.</summary>
    public sealed record Rule(string Name, string What, TimeSpan KeptFor, DateTimeOffset? LastRunAt, int? LastChanged);

    internal const string RunsSql = "SELECT rule_name AS RuleName, last_run_at AS LastRunAt, affected AS Affected FROM retention_runs";

    private sealed class RunRow
    {
        public string RuleName { get; init; } = "";
        public DateTimeOffset LastRunAt { get; init; }
        public int Affected { get; init; }
    }

    /// <summary>GET /api/privacy/retention: the service's retention rules, and when each last ran.</summary>
    public static RouteHandlerBuilder MapRetention(this RouteGroupBuilder privacy) =>
        privacy.MapGet("/retention", async Task<Ok<IReadOnlyList<Rule>>> (RetentionSweep sweep, Database database, CancellationToken cancellationToken) =>
            {
                await using var connection = await database.OpenAsync(cancellationToken);
                var runs = (await connection.QueryAsync<RunRow>(RunsSql)).ToDictionary(run => run.RuleName, StringComparer.Ordinal);
                IReadOnlyList<Rule> rules = [.. sweep.Rules.Select(rule => runs.GetValueOrDefault(rule.Name) is { } run
                    ? new Rule(rule.Name, rule.What, rule.KeptFor, run.LastRunAt, run.Affected)
                    : new Rule(rule.Name, rule.What, rule.KeptFor, null, null))];
                return TypedResults.Ok(rules);
            })
            .WithName("ListRetention")
            .WithSummary("The retention rules and when each last ran")
            .RequireRoles(Roles.Hr, Roles.Admin);
}
