using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.ServiceDefaults.OpenApi;
using TalentNet.Storage;

namespace TalentNet.Alumni.Features.AlumniPage;

/// <summary>POST /api/alumni-links/{token}/redeem: opens the alumni page with a personal link, once; sets the session cookie.</summary>
public static class RedeemLink
{
    public sealed record Response(DateTimeOffset SessionExpiresAt);

    public static void Map(RouteGroupBuilder links) =>
        links.MapPost("/{token}/redeem", Handle)
            .WithName("RedeemAlumniLink")
            .WithSummary("Open the alumni page with a personal link (once); sets the session cookie")
            .WithDescription($"The link is used up; the page then runs on the {AlumnusSession.CookieName} cookie until it expires. 404 for a link that is not ours, 410 for one that expired or was used.")
            .SignedBy(AlumniLinks.HowTheLinkSigns)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> Handle(
        [MaxLength(AlumniLinks.TokenLength)] string token, Database database, AlumniLinks links, AlumniOptions options, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
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
