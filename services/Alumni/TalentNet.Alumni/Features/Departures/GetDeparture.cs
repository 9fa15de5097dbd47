using Dapper;
using TalentNet.Audit;
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
            .ReadsSensitiveData(http => http.SeesPersonnelDetails() || http.User.IsInRole(Roles.Integration))
            .WithDescription("The reason is shown to hr, admin and the integration that records departures (null for recruiters).")
            .RequireRoles([.. AlumniApi.DepartureWriters, .. AlumniApi.Readers])
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<Departure.Response>, ProblemHttpResult>> Handle(Guid id, Database database, HttpContext http, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Departure.Row>(Departure.FindSql, new { Id = id });
        if (row is null)
        {
            return ApiProblems.NotFound("Departure", id);
        }

        // The system that recorded it reads back what it sent; a recruiter does not learn why someone left.
        var departure = row.ToResponse();
        return TypedResults.Ok(http.SeesPersonnelDetails() || http.User.IsInRole(Roles.Integration) ? departure : departure with { Reason = null });
    }
}
