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
    public sealed record Request(string? CandidateName, string? CandidateEmail, string? ProfileUrl, Guid? JobId, string? Note);

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
        var validation = new Validation()
            .Required("candidateName", request.CandidateName)
            .Email("candidateEmail", request.CandidateEmail)
            .Url("profileUrl", request.ProfileUrl)
            .MaxLength("note", request.Note, 2000);
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

        if (!alumnus.Consents.ReferralAsk && !alumnus.Consents.AlumniNetwork)
        {
            return ApiProblems.InvalidTransition("The alumnus has not consented to referral asks or the alumni network.");
        }

        var now = clock.GetUtcNow();
        var referralId = Guid.CreateVersion7(now);
        var email = Validation.NormalizeEmail(request.CandidateEmail!);
        await session.Connection.ExecuteAsync(InsertSql, new
        {
            Id = referralId, AlumnusId = id, CandidateName = request.CandidateName!.Trim(), CandidateEmail = email,
            request.ProfileUrl, request.JobId, Note = request.Note?.Trim(), Status = ReferralStatus.Referred.ToWire(), Now = now,
        }, session.Transaction);
        await AlumniTallies.ReferredAsync(session, now, alumnus.Department);
        await Alumnus.RecordAsync(session, id, "referral", $"Referred {request.CandidateName.Trim()} ({email}).", now);
        await outbox.EnqueueAsync(session, new AlumnusReferredCandidate(
            Guid.CreateVersion7(now), now, referralId, id, alumnus.PersonalEmail ?? alumnus.WorkEmail, request.CandidateName.Trim(), email,
            request.ProfileUrl, request.JobId, request.Note?.Trim()));
        var created = (await session.Connection.QuerySingleAsync<Referral.Row>(Referral.FindSql, new { Id = referralId }, session.Transaction)).ToResponse();
        await session.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/alumni/{id}/referrals", created);
    }
}
