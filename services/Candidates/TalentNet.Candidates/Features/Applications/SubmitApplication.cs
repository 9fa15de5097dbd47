using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Candidates.Features.TrackingLinks;
using TalentNet.Contracts;
using TalentNet.Messaging;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Candidates.Features.Applications;

/// <summary>POST /api/applications: a candidate applies (or is sourced) for a job, with the channel it came from.</summary>
public static class SubmitApplication
{
    public sealed record Request(Guid? CandidateId, Guid? JobId, Source? Source, [property: MaxLength(TrackingLink.TokenLength)] string? TrackingToken, DateTimeOffset? AppliedAt = null);

    public static void Map(RouteGroupBuilder applications) =>
        applications.MapPost("/", Handle)
            .WithName("SubmitApplication")
            .WithSummary("Open an application")
            .WithDescription("Give a source (channel from the taxonomy, campaign, postUrl, sharedBy, referrer) or a trackingToken that fills it. appliedAt records history (integration and admin only, 403 otherwise; not in the future). One open application per candidate and job (409). A missing candidate or job, or a closed job, is 422. Publishes ApplicationSubmitted.")
            .RequireRoles(CandidatesApi.PipelineWriters)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Created<ApplicationResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        Request request, Database database, Outbox outbox, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (History.RefuseUnlessRecorder(http.User, "appliedAt", request.AppliedAt) is { } forbidden)
        {
            return forbidden;
        }

        var now = clock.GetUtcNow();
        var validation = new Validation().Required("candidateId", request.CandidateId).Required("jobId", request.JobId)
            .PastTime("appliedAt", request.AppliedAt, now);
        if (request.TrackingToken is null)
        {
            Application.ValidateSource(request.Source, validation);
        }
        else
        {
            validation.Check(request.Source is null, "source", "Give either a source or a trackingToken, not both.");
        }

        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        await using var session = await database.BeginAsync(cancellationToken);
        var source = request.Source;
        if (request.TrackingToken is { } token)
        {
            var link = await session.Connection.QuerySingleOrDefaultAsync<TrackingLink.Row>(TrackingLink.FindSql, new { Token = token }, session.Transaction);
            if (link is null || link.JobId != request.JobId)
            {
                return validation.Add("trackingToken", "Unknown tracking token for this job.").ToProblem();
            }

            source = new Source(Wire<Channel>.Parse(link.Channel), link.Campaign, null, link.SharedBy, null, token);
        }

        var outcome = await Application.OpenAsync(session, outbox, request.CandidateId!.Value, request.JobId!.Value, source!, http.Actor(), request.AppliedAt ?? now, now);
        switch (outcome)
        {
            case Opening.Opened opened:
                await session.CommitAsync(cancellationToken);
                http.Response.Headers.ETag = ETags.For(opened.Application.Version);
                return TypedResults.Created($"/api/applications/{opened.Application.Id}", opened.Application);
            case Opening.AlreadyOpen open:
                return ApiProblems.Conflict("The candidate already has an open application for this job.", $"/api/applications/{open.ExistingId}");
            default:
                return ApiProblems.InvalidTransition(Explain(outcome));
        }
    }

    internal static string Explain(Opening outcome) => outcome switch
    {
        Opening.CandidateMissing => "The candidate does not exist.",
        Opening.JobMissing => "The job does not exist.",
        Opening.JobNotOpen => "The job is closed.",
        _ => outcome.ToString(),
    };
}
