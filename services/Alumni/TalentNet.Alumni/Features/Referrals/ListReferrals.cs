using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Alumni.Features.Alumni;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Alumni.Features.Referrals;

/// <summary>GET /api/alumni/{id}/referrals: the alumnus's referrals with their outcome.</summary>
public static class ListReferrals
{
    public static void Map(RouteGroupBuilder alumni) =>
        alumni.MapGet("/{id:guid}/referrals", Handle)
            .WithName("ListReferrals")
            .WithSummary("The alumnus's referrals with their outcome (referred, applied, stage reached, hired)")
            .RequireRoles(AlumniApi.Readers)
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<IReadOnlyList<Referral.Response>>, ProblemHttpResult>> Handle(Guid id, Database database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (await Alumnus.FindAsync(connection, id) is null)
        {
            return ApiProblems.NotFound("Alumnus", id);
        }

        var rows = await connection.QueryAsync<Referral.Row>(Referral.ByAlumnusSql, new { AlumnusId = id });
        return TypedResults.Ok<IReadOnlyList<Referral.Response>>(rows.Select(row => row.ToResponse()).ToList());
    }
}
