using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.Storage;

namespace TalentNet.Alumni.Features.Privacy;

/// <summary>GET /api/privacy/retention: Alumni's retention rules, and when each last ran.</summary>
public static class ListRetention
{
    public sealed record Rule(string Name, string What, TimeSpan KeptFor, DateTimeOffset? LastRunAt, int? LastChanged);

    internal const string RunsSql = "SELECT rule_name AS RuleName, last_run_at AS LastRunAt, affected AS Affected FROM retention_runs";

    private sealed class RunRow
    {
        public string RuleName { get; init; } = "";
        public DateTimeOffset LastRunAt { get; init; }
        public int Affected { get; init; }
    }

    public static void Map(RouteGroupBuilder privacy) =>
        privacy.MapGet("/retention", Handle)
            .WithName("ListRetention")
            .WithSummary("The retention rules and when each last ran")
            .RequireRoles(Roles.Hr, Roles.Admin);

    public static async Task<Ok<IReadOnlyList<Rule>>> Handle(Database database, AlumniOptions options, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var runs = (await connection.QueryAsync<RunRow>(RunsSql)).ToDictionary(run => run.RuleName, StringComparer.Ordinal);
        var last = runs.GetValueOrDefault(RetentionSweep.ExitInterviewNotesRule);
        IReadOnlyList<Rule> rules =
        [
            new(RetentionSweep.ExitInterviewNotesRule, "Exit-interview notes and sentiment, counted from the last day", options.Retention.ExitInterviewNotes,
                last?.LastRunAt, last?.Affected),
        ];
        return TypedResults.Ok(rules);
    }
}
