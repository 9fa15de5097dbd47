using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Alumni.Features.Alumni;
using TalentNet.Messaging;
using TalentNet.ServiceDefaults.OpenApi;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Alumni.Features.AlumniPage;

/// <summary>
/// POST /api/alumni-links: an alumnus asks for a new link to their page by an address of theirs. The
/// answer is the same whether the address is known or not, so nobody learns who worked here; the link
/// goes only to the personal address on record.
/// </summary>
public static class RequestLink
{
    public sealed record Request([property: MaxLength(Lengths.Email)] string? Email);

    public sealed record Response(string Message);

    public const string Answer = "If the address belongs to a former employee, a link to the alumni page is on its way to their personal address.";

    public static void Map(RouteGroupBuilder links) =>
        links.MapPost("/", Handle)
            .WithName("RequestAlumniLink")
            .WithSummary("Ask for a personal link to the alumni page by email address")
            .WithDescription("Always 202 with the same answer (known address or not). The link is mailed to the alumnus's personal address on record, at most a few times an hour.")
            .Public("An alumnus without a working link asks for one here. The answer never says whether the address is known; a link goes only to the personal address on record, at most a few an hour, and requests count against the caller's rate limit.")
            .Produces<Response>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem();

    public static async Task<Results<Accepted<Response>, ValidationProblem>> Handle(
        Request request, Database database, Outbox outbox, AlumniLinks links, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = new Validation().Email("email", request.Email);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        await using var session = await database.BeginAsync(cancellationToken);
        if (await Alumnus.FindByEmailAsync(session.Connection, request.Email!, session.Transaction) is { } alumnus)
        {
            await links.RequestedAsync(session, outbox, alumnus, clock.GetUtcNow());
            await session.CommitAsync(cancellationToken);
        }

        return TypedResults.Accepted((string?)null, new Response(Answer));
    }
}
