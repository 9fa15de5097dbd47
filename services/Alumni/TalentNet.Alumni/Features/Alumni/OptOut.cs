using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Contracts;
using TalentNet.Messaging;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Alumni.Features.Alumni;

/// <summary>POST /api/alumni/{id}/opt-out: the alumnus withdraws every consent; no further outreach.</summary>
public static class OptOut
{
    public static void Map(RouteGroupBuilder alumni) =>
        alumni.MapPost("/{id:guid}/opt-out", Handle)
            .WithName("OptOutAlumnus")
            .WithSummary("Withdraw every consent: no further outreach")
            .RequireRoles([.. AlumniApi.Writers, Roles.Integration])
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<AlumnusResponse>, ProblemHttpResult>> Handle(
        Guid id, Database database, Outbox outbox, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        await using var session = await database.BeginAsync(cancellationToken);
        var current = await Alumnus.FindAsync(session.Connection, id, session.Transaction);
        if (current is null)
        {
            return ApiProblems.NotFound("Alumnus", id);
        }

        await ApplyAsync(session, outbox, current, ChangeSources.Of(http), clock.GetUtcNow());
        var updated = (await Alumnus.FindAsync(session.Connection, id, session.Transaction))!;
        await session.CommitAsync(cancellationToken);
        return TypedResults.Ok(updated);
    }

    /// <summary>The timeline entry an opt-out leaves; retention counts from it.</summary>
    public const string TimelineKind = "opted-out";

    /// <summary>Every consent withdrawn and the alumnus marked opted out, once (again is a no-op).</summary>
    public static async Task ApplyAsync(DbSession session, Outbox outbox, AlumnusResponse current, ChangeSource source, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (current.Status == AlumnusStatus.OptedOut)
        {
            return;
        }

        var none = new Consents(false, false, false, false);
        await session.Connection.ExecuteAsync(
            ChangeAlumnus.UpdateSql, ChangeAlumnus.Parameters(current.Id, current.FullName, current.PersonalEmail, current.LinkedInUrl, none, AlumnusStatus.OptedOut, now),
            session.Transaction);
        await Alumnus.RecordAsync(session, current.Id, TimelineKind, "Withdrew every consent.", now, source);
        await ChangeAlumnus.AnnounceConsentsAsync(session, outbox, current.Id, none, AlumnusStatus.OptedOut, source, now);
    }
}
