using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Alumni.Features.Alumni;

/// <summary>GET /api/alumni/{id}/timeline: what happened to the alumnus, oldest first.</summary>
public static class GetTimeline
{
    public sealed record Entry(string Kind, string Detail, DateTimeOffset OccurredAt);

    internal const string TimelineSql =
        "SELECT kind AS Kind, detail AS Detail, occurred_at AS OccurredAt FROM timeline WHERE alumnus_id = @Id ORDER BY id";

    private sealed class TimelineRow
    {
        public string Kind { get; init; } = "";
        public string Detail { get; init; } = "";
        public DateTimeOffset OccurredAt { get; init; }
    }

    public static void Map(RouteGroupBuilder alumni) =>
        alumni.MapGet("/{id:guid}/timeline", Handle)
            .WithName("GetAlumnusTimeline")
            .WithSummary("The alumnus's timeline: departure, recommendation, referrals, applications, return")
            .RequireRoles(AlumniApi.Readers)
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<IReadOnlyList<Entry>>, ProblemHttpResult>> Handle(Guid id, Database database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (await Alumnus.FindAsync(connection, id) is null)
        {
            return ApiProblems.NotFound("Alumnus", id);
        }

        var rows = await connection.QueryAsync<TimelineRow>(TimelineSql, new { Id = id });
        return TypedResults.Ok<IReadOnlyList<Entry>>(rows.Select(row => new Entry(row.Kind, row.Detail, row.OccurredAt)).ToList());
    }
}
