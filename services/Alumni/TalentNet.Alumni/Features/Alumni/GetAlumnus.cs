using TalentNet.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Alumni.Features.Alumni;

/// <summary>GET /api/alumni/{id}: the alumnus with an ETag for later changes.</summary>
public static class GetAlumnus
{
    public static void Map(RouteGroupBuilder alumni) =>
        alumni.MapGet("/{id:guid}", Handle)
            .WithName("GetAlumnus")
            .WithSummary("Read an alumnus: status, rehire eligibility, consents, manager recommendation status, return")
            .ReadsSensitiveData(http => http.SeesPersonnelDetails())
            .WithDescription("The departure reason, the exit interview's would-return answer and HR's eligibility note are shown to hr and admin only (null otherwise).")
            .RequireRoles(AlumniApi.Readers)
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<AlumnusResponse>, ProblemHttpResult>> Handle(Guid id, Database database, HttpContext http, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var alumnus = await Alumnus.FindAsync(connection, id);
        if (alumnus is null)
        {
            return ApiProblems.NotFound("Alumnus", id);
        }

        http.Response.Headers.ETag = ETags.For(alumnus.Version);
        return TypedResults.Ok(alumnus.ForCaller(http));
    }
}
