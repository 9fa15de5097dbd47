using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Alumni.Features.Alumni;
using TalentNet.Messaging;
using TalentNet.Storage;

namespace TalentNet.Alumni.Features.AlumniPage;

/// <summary>POST /api/alumni-page/opt-out: the one click that withdraws every consent.</summary>
public static class OptOutOwn
{
    public static void Map(RouteGroupBuilder page) =>
        page.MapPost("/opt-out", Handle)
            .WithName("OptOutOwn")
            .WithSummary("Withdraw every consent: no further outreach")
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<GetOwnRecord.Response>, ProblemHttpResult>> Handle(
        Database database, Outbox outbox, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var (record, refusal) = await OwnPage.ChangeAsync(database, http, async (session, current) =>
        {
            await OptOut.ApplyAsync(session, outbox, current, ChangeSource.Alumnus, clock.GetUtcNow());
            return null;
        }, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        return TypedResults.Ok(record!);
    }
}
