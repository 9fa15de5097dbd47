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
        var id = AlumnusSession.AlumnusId(http);
        await using var session = await database.BeginAsync(cancellationToken);
        if (await Alumnus.FindAsync(session.Connection, id, session.Transaction) is not { } current)
        {
            return OwnPage.Gone;
        }

        await OptOut.ApplyAsync(session, outbox, current, ChangeSource.Alumnus, clock.GetUtcNow());
        var record = (await GetOwnRecord.ReadAsync(session.Connection, database.Dialect, id, session.Transaction))!;
        await session.CommitAsync(cancellationToken);
        return TypedResults.Ok(record);
    }
}
