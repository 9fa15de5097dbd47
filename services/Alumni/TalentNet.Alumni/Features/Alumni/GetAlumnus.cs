using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Alumni.Features.Alumni;

/// <summary>GET /api/alumni/{id} and GET /api/alumni/{id}/timeline.</summary>
public static class GetAlumnus
{
    public sealed record TimelineEntry(string Kind, string Detail, DateTimeOffset OccurredAt);

    internal const string TimelineSql =
        "SELECT kind AS Kind, detail AS Detail, occurred_at AS OccurredAt FROM timeline WHERE alumnus_id = @Id ORDER BY id";

    private sealed class TimelineRow
    {
        public string Kind { get; init; } = "";
        public string Detail { get; init; } = "";
        public DateTimeOffset OccurredAt { get; init; }
    }

    public static void Map(RouteGroupBuilder alumni)
    {
        alumni.MapGet("/{id:guid}", Handle)
            .WithName("GetAlumnus")
            .WithSummary("Read an alumnus: status, rehire eligibility, consents, manager recommendation status, return")
            .RequireRoles(AlumniApi.Readers)
            .ProducesProblem(StatusCodes.Status404NotFound);
        alumni.MapGet("/{id:guid}/timeline", Timeline)
            .WithName("GetAlumnusTimeline")
            .WithSummary("The alumnus's timeline: departure, recommendation, referrals, applications, return")
            .RequireRoles(AlumniApi.Readers)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<Results<Ok<AlumnusResponse>, ProblemHttpResult>> Handle(Guid id, Database database, HttpContext http, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var alumnus = await Alumnus.FindAsync(connection, id);
        if (alumnus is null)
        {
            return ApiProblems.NotFound("Alumnus", id);
        }

        http.Response.Headers.ETag = ETags.For(alumnus.Version);
        return TypedResults.Ok(alumnus);
    }

    public static async Task<Results<Ok<IReadOnlyList<TimelineEntry>>, ProblemHttpResult>> Timeline(Guid id, Database database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (await Alumnus.FindAsync(connection, id) is null)
        {
            return ApiProblems.NotFound("Alumnus", id);
        }

        var rows = await connection.QueryAsync<TimelineRow>(TimelineSql, new { Id = id });
        return TypedResults.Ok<IReadOnlyList<TimelineEntry>>(rows.Select(row => new TimelineEntry(row.Kind, row.Detail, row.OccurredAt)).ToList());
    }
}
