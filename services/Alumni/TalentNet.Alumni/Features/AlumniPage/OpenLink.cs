using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Storage;

namespace TalentNet.Alumni.Features.AlumniPage;

/// <summary>
/// GET /api/alumni-links/{token}: whether a personal link can still be opened, without using it up
/// (mail scanners fetch links; only the alumnus's click opens the page). 404 for a link that is not
/// ours, 410 for one that expired or was used.
/// </summary>
public static class CheckLink
{
    public sealed record Response(DateTimeOffset ExpiresAt);

    public static void Map(RouteGroupBuilder links) =>
        links.MapGet("/{token}", Handle)
            .WithName("CheckAlumniLink")
            .WithSummary("Whether a personal link to the alumni page can be opened")
            .AllowAnonymous()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> Handle(
        string token, Database database, AlumniLinks links, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var found = await links.FindAsync(connection, token);
        return LinkProblems.Refusal(found?.Row, clock.GetUtcNow()) is { } refusal ? refusal : TypedResults.Ok(new Response(found!.Value.Row.ExpiresAt));
    }
}

/// <summary>POST /api/alumni-links/{token}/redeem: opens the alumni page with a personal link, once; sets the session cookie.</summary>
public static class RedeemLink
{
    public sealed record Response(DateTimeOffset SessionExpiresAt);

    public static void Map(RouteGroupBuilder links) =>
        links.MapPost("/{token}/redeem", Handle)
            .WithName("RedeemAlumniLink")
            .WithSummary("Open the alumni page with a personal link (once); sets the session cookie")
            .WithDescription($"The link is used up; the page then runs on the {AlumnusSession.CookieName} cookie until it expires. 404 for a link that is not ours, 410 for one that expired or was used.")
            .AllowAnonymous()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> Handle(
        string token, Database database, AlumniLinks links, AlumniOptions options, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var session = await database.BeginAsync(cancellationToken);
        var found = await links.FindAsync(session.Connection, token, session.Transaction);
        if (LinkProblems.Refusal(found?.Row, now) is { } refusal)
        {
            return refusal;
        }

        // Two clicks at once: one of them uses the link, the other finds it used.
        if (await session.Connection.ExecuteAsync(AlumniLinks.UseSql, new { Id = found!.Value.LinkId, Now = now }, session.Transaction) == 0)
        {
            return LinkProblems.Used;
        }

        await session.CommitAsync(cancellationToken);
        return TypedResults.Ok(new Response(AlumnusSession.SignIn(http, links, options, found.Value.Row.AlumnusId, now)));
    }
}

internal static class LinkProblems
{
    public static readonly ProblemHttpResult Used = Gone("This link has been used already. Ask for a new one on the alumni page.");

    public static ProblemHttpResult? Refusal(AlumniLinks.LinkRow? link, DateTimeOffset now) => link switch
    {
        null => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not a link to the alumni page.",
            detail: "The link is not one we sent, or it was copied incompletely."),
        { UsedAt: not null } => Used,
        _ when link.ExpiresAt <= now => Gone("This link has expired. Ask for a new one on the alumni page."),
        _ => null,
    };

    private static ProblemHttpResult Gone(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "The link can no longer be opened.", detail: detail);
}
