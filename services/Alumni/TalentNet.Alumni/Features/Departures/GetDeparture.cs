using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Alumni.Features.Departures;

/// <summary>GET /api/departures/{id}: a recorded departure.</summary>
public static class GetDeparture
{
    public static void Map(RouteGroupBuilder departures) =>
        departures.MapGet("/{id:guid}", Handle)
            .WithName("GetDeparture")
            .WithSummary("Read a departure")
            .RequireRoles([.. AlumniApi.DepartureWriters, .. AlumniApi.Readers])
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<Departure.Response>, ProblemHttpResult>> Handle(Guid id, Database database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Departure.Row>(Departure.FindSql, new { Id = id });
        return row is null ? ApiProblems.NotFound("Departure", id) : TypedResults.Ok(row.ToResponse());
    }
}
