using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Alumni.Features.Alumni;
using TalentNet.Alumni.Features.Dashboard;
using TalentNet.Contracts;
using TalentNet.Contracts.Alumni;
using TalentNet.Messaging;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Alumni.Features.Referrals;

/// <summary>POST /api/alumni/{id}/referrals: an alumnus refers someone (only with referralAsk or alumniNetwork consent).</summary>
public static class ReferCandidate
{
    public sealed record Request(
        [property: MaxLength(Lengths.Name)] string? CandidateName,
        [property: MaxLength(Lengths.Email)] string? CandidateEmail,
        [property: MaxLength(Lengths.Url)] string? ProfileUrl,
        Guid? JobId,
        [property: MaxLength(Lengths.Text)] string? Note);

    internal const string InsertSql =
        """
        INSERT INTO referrals (id, alumnus_id, candidate_name, candidate_email, profile_url, job_id, note, status, created_at, updated_at)
        VALUES (@Id, @AlumnusId, @CandidateName, @CandidateEmail, @ProfileUrl, @JobId, @Note, @Status, @Now, @Now)
        """;

    public static void Map(RouteGroupBuilder alumni) =>
        alumni.MapPost("/{id:guid}/referrals", Handle)
            .WithName("ReferCandidate")
            .WithSummary("Record a referral by the alumnus")
            .WithDescription("Only while the alumnus has the referralAsk or alumniNetwork consent (422 otherwise). Publishes AlumnusReferredCandidate; Candidates creates or reuses the candidate and opens an alumni-referral application.")
            .RequireRoles([.. AlumniApi.Writers, Roles.Recruiter, Roles.Integration])
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Created<Referral.Response>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, Request request, Database database, Outbox outbox, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = Validate(request);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        await using var session = await database.BeginAsync(cancellationToken);
        var alumnus = await Alumnus.FindAsync(session.Connection, id, session.Transaction);
        if (alumnus is null)
        {
            return ApiProblems.NotFound("Alumnus", id);
        }

        if (!MayRefer(alumnus))
        {
            return ApiProblems.InvalidTransition("The alumnus has not consented to referral asks or the alumni network.");
        }

        var created = await RecordAsync(session, outbox, alumnus, request, clock.GetUtcNow());
        await session.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/alumni/{id}/referrals", created);
    }

    public static Validation Validate(Request request) =>
        new Validation()
            .Required("candidateName", request?.CandidateName)
            .Email("candidateEmail", request?.CandidateEmail)
            .Url("profileUrl", request?.ProfileUrl);

    public static bool MayRefer(AlumnusResponse alumnus) => alumnus is { Consents.ReferralAsk: true } or { Consents.AlumniNetwork: true };

    /// <summary>The referral, its count and timeline entry, and <see cref="AlumnusReferredCandidate"/> for Candidates, in the caller's session.</summary>
    public static async Task<Referral.Response> RecordAsync(DbSession session, Outbox outbox, AlumnusResponse alumnus, Request request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(alumnus);
        ArgumentNullException.ThrowIfNull(request);
        var referralId = TimeOrderedId.New(now);
        var email = Validation.NormalizeEmail(request.CandidateEmail!);
        var name = request.CandidateName!.Trim();
        await session.Connection.ExecuteAsync(InsertSql, new
        {
            Id = referralId, AlumnusId = alumnus.Id, CandidateName = name, CandidateEmail = email,
            request.ProfileUrl, request.JobId, Note = request.Note?.Trim(), Status = ReferralStatus.Referred.ToWire(), Now = now,
        }, session.Transaction);
        await AlumniTallies.ReferredAsync(session, now, alumnus.Department);
        await Alumnus.RecordAsync(session, alumnus.Id, "referral", $"Referred {name} ({email}).", now);
        await outbox.EnqueueAsync(session, new AlumnusReferredCandidate(
            TimeOrderedId.New(now), now, referralId, alumnus.Id, alumnus.PersonalEmail ?? alumnus.WorkEmail, name, email,
            request.ProfileUrl, request.JobId, request.Note?.Trim()));
        return (await session.Connection.QuerySingleAsync<Referral.Row>(Referral.FindSql, new { Id = referralId }, session.Transaction)).ToResponse();
    }
}
