using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Alumni.Features.Alumni;
using TalentNet.ServiceDefaults;
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
            .WithDescription($"Newest first; page size at most {Paging.MaxPageSize}.")
            .RequireRoles(AlumniApi.Readers)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<PagedList<Referral.Response>>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, int? page, int? pageSize, Database database, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var (number, size, skip) = Paging.Normalize(page, pageSize, validation);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        if (await Alumnus.FindAsync(connection, id) is null)
        {
            return ApiProblems.NotFound("Alumnus", id);
        }

        var parameters = new { AlumnusId = id, Skip = skip, Take = size };
        var total = await connection.ExecuteScalarAsync<long>(Referral.CountByAlumnusSql, parameters);
        var rows = await connection.QueryAsync<Referral.Row>(Referral.ByAlumnusSql(database.Dialect), parameters);
        return TypedResults.Ok(new PagedList<Referral.Response>(rows.Select(row => row.ToResponse()).ToList(), number, size, total));
    }
}
