using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Alumni.Features.Alumni;
using TalentNet.Alumni.Features.Boomerangs;
using TalentNet.Messaging;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Alumni.Features.AlumniPage;

/// <summary>PUT /api/alumni-page/contact: the alumnus keeps their personal address and LinkedIn profile up to date.</summary>
public static class ChangeOwnContact
{
    public sealed record Request([property: MaxLength(Lengths.Email)] string? PersonalEmail, [property: MaxLength(Lengths.Url)] string? LinkedInUrl);

    public static void Map(RouteGroupBuilder page) =>
        page.MapPut("/contact", Handle)
            .WithName("ChangeOwnContact")
            .WithSummary("Set the signed-in alumnus's personal email and LinkedIn profile")
            .WithDescription("Both fields are set as sent; leaving one out clears it. Mails (links, news) go to the personal address.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<GetOwnRecord.Response>, ValidationProblem, ProblemHttpResult>> Handle(
        Request request, Database database, Outbox outbox, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var validation = new Validation().Email("personalEmail", request.PersonalEmail, required: false).Url("linkedInUrl", request.LinkedInUrl);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var email = string.IsNullOrWhiteSpace(request.PersonalEmail) ? null : Validation.NormalizeEmail(request.PersonalEmail);
        var linkedIn = string.IsNullOrWhiteSpace(request.LinkedInUrl) ? null : request.LinkedInUrl.Trim();
        var (record, refusal) = await OwnPage.ChangeAsync(database, http, async (session, current) =>
        {
            if (email != current.PersonalEmail || linkedIn != current.LinkedInUrl)
            {
                var now = clock.GetUtcNow();
                await session.Connection.ExecuteAsync(
                    ChangeAlumnus.UpdateSql, ChangeAlumnus.Parameters(current.Id, current.FullName, email, linkedIn, current.Consents, current.Status, now), session.Transaction);
                await Alumnus.RecordAsync(session, current.Id, "contact-changed", "Contact details changed by the alumnus.", now, ChangeSource.Alumnus);
                await BoomerangMatching.AlumnusChangedAsync(session, outbox, current.Id, now);
            }

            return null;
        }, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        return TypedResults.Ok(record!);
    }
}
