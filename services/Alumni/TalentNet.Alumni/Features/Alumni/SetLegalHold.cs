using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Alumni.Features.Alumni;

/// <summary>
/// PUT /api/alumni/{id}/legal-hold: HR keeps an alumnus past the retention of opted-out alumni (a claim, an
/// audit), or lifts the hold. HR and admin read it on the alumnus (<c>legalHold</c>); nobody else does.
/// </summary>
public static class SetLegalHold
{
    public sealed record Request(bool? Hold);

    public sealed record Response(Guid AlumnusId, bool LegalHold);

    public const string TimelineKind = "legal-hold";

    internal const string HoldSql = "UPDATE alumni SET legal_hold = @Hold, updated_at = @Now, version = version + 1 WHERE id = @Id";

    public static void Map(RouteGroupBuilder alumni) =>
        alumni.MapPut("/{id:guid}/legal-hold", Handle)
            .WithName("SetLegalHold")
            .WithSummary("Put an alumnus under a legal hold, or lift it")
            .WithDescription("While held, an alumnus who opted out is not erased by retention (Alumni:Retention:OptedOutAlumni). An erasure request from HR still erases.")
            .RequireRoles(Roles.Hr, Roles.Admin)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<Response>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, Request request, Database database, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = new Validation().Required("hold", request.Hold);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var now = clock.GetUtcNow();
        await using var session = await database.BeginAsync(cancellationToken);
        if (await session.Connection.ExecuteAsync(HoldSql, new { Id = id, Hold = request.Hold!.Value, Now = now }, session.Transaction) == 0)
        {
            return ApiProblems.NotFound("Alumnus", id);
        }

        await Alumnus.RecordAsync(session, id, TimelineKind, request.Hold.Value ? "Put under a legal hold." : "Legal hold lifted.", now);
        await session.CommitAsync(cancellationToken);
        return TypedResults.Ok(new Response(id, request.Hold.Value));
    }
}
