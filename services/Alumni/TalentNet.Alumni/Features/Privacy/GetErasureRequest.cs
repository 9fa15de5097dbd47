using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Alumni.Features.Privacy;

/// <summary>GET /api/privacy/erasure-requests/{id}: where an erasure stands, service by service.</summary>
public static class GetErasureRequest
{
    public static void Map(RouteGroupBuilder privacy) =>
        privacy.MapGet("/erasure-requests/{id:guid}", Handle)
            .WithName("GetErasureRequest")
            .WithSummary("Where an erasure request stands")
            .WithDescription("Completed once every service reported that it erased what it held.")
            .RequireRoles(Roles.Hr, Roles.Admin)
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<ErasureRequest.Response>, ProblemHttpResult>> Handle(Guid id, Database database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ErasureRequest.FindAsync(connection, id) is { } found ? TypedResults.Ok(found) : ApiProblems.NotFound("Erasure request", id);
    }
}
