using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Candidates.Features.TrackingLinks;

/// <summary>GET /api/jobs/{id}/tracking-links/{token}: where a shared link points and who shared it.</summary>
public static class GetTrackingLink
{
    public static void Map(RouteGroupBuilder jobs) =>
        jobs.MapGet("/{id:guid}/tracking-links/{token}", Handle)
            .WithName("GetTrackingLink")
            .WithSummary("Read a tracking link")
            .RequireRoles(CandidatesApi.Readers)
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<TrackingLink.Response>, ProblemHttpResult>> Handle(Guid id, [MaxLength(TrackingLink.TokenLength)] string token, Database database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<TrackingLink.Row>(TrackingLink.FindSql, new { Token = token });
        return row is null || row.JobId != id ? ApiProblems.NotFound("Tracking link", token) : TypedResults.Ok(row.ToResponse());
    }
}
