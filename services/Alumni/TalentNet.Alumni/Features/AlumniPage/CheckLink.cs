using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.ServiceDefaults.OpenApi;
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
            .SignedBy(AlumniLinks.HowTheLinkSigns)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> Handle(
        [MaxLength(AlumniLinks.TokenLength)] string token, Database database, AlumniLinks links, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var found = await links.FindAsync(connection, token);
        return LinkProblems.Refusal(found?.Row, clock.GetUtcNow()) is { } refusal ? refusal : TypedResults.Ok(new Response(found!.Value.Row.ExpiresAt));
    }
}
