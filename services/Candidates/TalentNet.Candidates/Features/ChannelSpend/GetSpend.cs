using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Candidates.Features.ChannelSpend;

/// <summary>GET /api/channel-spend/{id}: one recorded amount, with its ETag.</summary>
public static class GetSpend
{
    public static void Map(RouteGroupBuilder spend) =>
        spend.MapGet("/{id:guid}", Handle)
            .WithName("GetChannelSpend")
            .WithSummary("Read recorded spend")
            .RequireRoles(CandidatesApi.SpendWriters)
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<ChannelSpend.Response>, ProblemHttpResult>> Handle(
        Guid id, Database database, HttpContext http, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var spend = await ChannelSpend.FindAsync(connection, id);
        if (spend is null)
        {
            return ApiProblems.NotFound("Channel spend", id);
        }

        http.Response.Headers.ETag = ETags.For(spend.Version);
        return TypedResults.Ok(spend);
    }
}
