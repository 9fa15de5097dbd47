using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Candidates.Features.Candidates;
using TalentNet.Candidates.Features.TrackingLinks;
using TalentNet.Contracts;
using TalentNet.Messaging;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Candidates.Features.Applications;

/// <summary>
/// POST /api/careers/applications: a public careers site sends in an application. The answer says
/// only that it was received: whether the person or the application was known already is not told
/// (the key behind a public form must not be a way to look people up).
/// </summary>
public static class ApplyFromCareersSite
{
    public sealed record Request(
        [property: MaxLength(Lengths.Name)] string? FullName,
        [property: MaxLength(Lengths.Email)] string? Email,
        [property: MaxLength(Lengths.Phone)] string? Phone,
        [property: MaxLength(Lengths.Url)] string? LinkedInUrl,
        Guid? JobId,
        [property: MaxLength(TrackingLink.TokenLength)] string? TrackingToken,
        [property: MaxLength(Lengths.Campaign)] string? Campaign);

    public sealed record Receipt(string Status);

    public static void Map(RouteGroupBuilder careers) =>
        careers.MapPost("/applications", Handle)
            .WithName("ApplyFromCareersSite")
            .WithSummary("Send in an application from the careers site")
            .WithDescription("For the careers-site key (and admin): the candidate is found by email or registered (a known candidate's details are not changed), and an application opened on the open job with the tracking link's source, or channel careers-site with the campaign given. 202 whether or not the person or the application existed. A missing or closed job is 422.")
            .RequireRoles([Roles.CareersSite, Roles.Admin])
            .Produces<Receipt>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Accepted<Receipt>, ValidationProblem, ProblemHttpResult>> Handle(
        Request request, Database database, Outbox outbox, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var profiles = request.LinkedInUrl is { } linkedIn ? new Dictionary<string, string> { ["linkedin"] = linkedIn } : null;
        var fields = new CandidateFields(request.FullName, request.Email, request.Phone, profiles, null, null);
        var validation = new Validation().Required("jobId", request.JobId);
        Candidate.Validate(fields, validation);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        await using var session = await database.BeginAsync(cancellationToken);
        var source = new Source(Channel.CareersSite, request.Campaign, null, null, null);
        if (request.TrackingToken is { } token)
        {
            var link = await session.Connection.QuerySingleOrDefaultAsync<TrackingLink.Row>(TrackingLink.FindSql, new { Token = token }, session.Transaction);
            if (link is null || link.JobId != request.JobId)
            {
                return validation.Add("trackingToken", "Unknown tracking token for this job.").ToProblem();
            }

            source = new Source(Wire<Channel>.Parse(link.Channel), link.Campaign, null, link.SharedBy, null, token);
        }

        var now = clock.GetUtcNow();
        var candidate = await Candidate.FindOrRegisterAsync(session, outbox, fields, now);
        var outcome = await Application.OpenAsync(session, outbox, candidate.Id, request.JobId!.Value, source, http.Actor(), now);
        if (outcome is Opening.JobMissing or Opening.JobNotOpen)
        {
            return ApiProblems.InvalidTransition(SubmitApplication.Explain(outcome));
        }

        await session.CommitAsync(cancellationToken);
        return TypedResults.Accepted((string?)null, new Receipt("received"));
    }
}
