using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Alumni.Features.Alumni;
using TalentNet.Contracts;
using TalentNet.Contracts.Alumni;
using TalentNet.Messaging;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Alumni.Features.Referrals;

/// <summary>
/// POST /api/alumni/{id}/referrals and GET /api/alumni/{id}/referrals: an alumnus refers someone
/// (only with referralAsk or alumniNetwork consent); the outcome follows Candidates' events.
/// </summary>
public static class Referrals
{

    public sealed record Request(string? CandidateName, string? CandidateEmail, string? ProfileUrl, Guid? JobId, string? Note);

    public sealed record ReferralResponse(
        Guid Id, Guid AlumnusId, string CandidateName, string CandidateEmail, string? ProfileUrl, Guid? JobId, string? Note,
        ReferralStatus Status, string? StageReached, Guid? ApplicationId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

    internal sealed class Row
    {
        public Guid Id { get; init; }
        public Guid AlumnusId { get; init; }
        public string CandidateName { get; init; } = "";
        public string CandidateEmail { get; init; } = "";
        public string? ProfileUrl { get; init; }
        public Guid? JobId { get; init; }
        public string? Note { get; init; }
        public string Status { get; init; } = "";
        public string? StageReached { get; init; }
        public Guid? ApplicationId { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }

        public ReferralResponse ToResponse() => new(Id, AlumnusId, CandidateName, CandidateEmail, ProfileUrl, JobId, Note, Wire<ReferralStatus>.Parse(Status), StageReached, ApplicationId, CreatedAt, UpdatedAt);
    }

    internal const string SelectColumns =
        """
        id AS Id, alumnus_id AS AlumnusId, candidate_name AS CandidateName, candidate_email AS CandidateEmail, profile_url AS ProfileUrl,
        job_id AS JobId, note AS Note, status AS Status, stage_reached AS StageReached, application_id AS ApplicationId,
        created_at AS CreatedAt, updated_at AS UpdatedAt
        """;

    internal const string InsertSql =
        """
        INSERT INTO referrals (id, alumnus_id, candidate_name, candidate_email, profile_url, job_id, note, status, created_at, updated_at)
        VALUES (@Id, @AlumnusId, @CandidateName, @CandidateEmail, @ProfileUrl, @JobId, @Note, @Status, @Now, @Now)
        """;

    internal static readonly string ByAlumnusSql = $"SELECT {SelectColumns} FROM referrals WHERE alumnus_id = @AlumnusId ORDER BY created_at DESC";

    internal static readonly string FindSql = $"SELECT {SelectColumns} FROM referrals WHERE id = @Id";

    public static void Map(RouteGroupBuilder alumni)
    {
        alumni.MapPost("/{id:guid}/referrals", Refer)
            .WithName("ReferCandidate")
            .WithSummary("Record a referral by the alumnus")
            .WithDescription("Only while the alumnus has the referralAsk or alumniNetwork consent (422 otherwise). Publishes AlumnusReferredCandidate; Candidates creates or reuses the candidate and opens an alumni-referral application.")
            .RequireRoles([.. AlumniApi.Editors, Roles.Recruiter, Roles.Integration])
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        alumni.MapGet("/{id:guid}/referrals", List)
            .WithName("ListReferrals")
            .WithSummary("The alumnus's referrals with their outcome (referred, applied, stage reached, hired)")
            .RequireRoles(AlumniApi.Readers)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<Results<Created<ReferralResponse>, ValidationProblem, ProblemHttpResult>> Refer(
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
        await Alumnus.RecordAsync(session, id, "referral", $"Referred {request.CandidateName.Trim()} ({email}).", now);
        await outbox.EnqueueAsync(session, new AlumnusReferredCandidate(
            Guid.CreateVersion7(now), now, referralId, id, alumnus.PersonalEmail ?? alumnus.WorkEmail, request.CandidateName.Trim(), email,
            request.ProfileUrl, request.JobId, request.Note?.Trim()));
        var created = (await session.Connection.QuerySingleAsync<Row>(FindSql, new { Id = referralId }, session.Transaction)).ToResponse();
        await session.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/alumni/{id}/referrals", created);
    }

    public static async Task<Results<Ok<IReadOnlyList<ReferralResponse>>, ProblemHttpResult>> List(Guid id, Database database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (await Alumnus.FindAsync(connection, id) is null)
        {
            return ApiProblems.NotFound("Alumnus", id);
        }

        var rows = await connection.QueryAsync<Row>(ByAlumnusSql, new { AlumnusId = id });
        return TypedResults.Ok<IReadOnlyList<ReferralResponse>>(rows.Select(row => row.ToResponse()).ToList());
    }
}
