using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Alumni.Features.Alumni;
using TalentNet.Contracts;
using TalentNet.Messaging;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Alumni.Features.AlumniPage;

/// <summary>
/// PUT /api/alumni-page/consents: the alumnus sets each consent; the change is recorded with source
/// <c>alumnus</c> and announced. Giving any consent after an opt-out makes them an alumnus again:
/// only they can do that.
/// </summary>
public static class ChangeOwnConsents
{
    public sealed record Request(bool? AlumniNetwork, bool? RehireOutreach, bool? RecommendationRequest, bool? ReferralAsk);

    public static void Map(RouteGroupBuilder page) =>
        page.MapPut("/consents", Handle)
            .WithName("ChangeOwnConsents")
            .WithSummary("Set the signed-in alumnus's consents (each one named)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<GetOwnRecord.Response>, ValidationProblem, ProblemHttpResult>> Handle(
        Request request, Database database, Outbox outbox, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Required("alumniNetwork", request.AlumniNetwork).Required("rehireOutreach", request.RehireOutreach)
            .Required("recommendationRequest", request.RecommendationRequest).Required("referralAsk", request.ReferralAsk);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var consents = new Consents(request.AlumniNetwork!.Value, request.RehireOutreach!.Value, request.RecommendationRequest!.Value, request.ReferralAsk!.Value);
        var (record, refusal) = await OwnPage.ChangeAsync(database, http, async (session, current) =>
        {
            var status = current.Status == AlumnusStatus.OptedOut && consents != new Consents(false, false, false, false)
                ? (current.Return is null ? AlumnusStatus.Alumnus : AlumnusStatus.Returned)
                : current.Status;
            if (consents != current.Consents || status != current.Status)
            {
                var now = clock.GetUtcNow();
                await session.Connection.ExecuteAsync(
                    ChangeAlumnus.UpdateSql, ChangeAlumnus.Parameters(current.Id, current.FullName, current.PersonalEmail, current.LinkedInUrl, consents, status, now),
                    session.Transaction);
                await ChangeAlumnus.AnnounceConsentsAsync(session, outbox, current.Id, consents, status, ChangeSource.Alumnus, now);
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
