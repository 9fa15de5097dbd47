using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Contracts.Recommendations;
using TalentNet.Messaging;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Recommendations.Features.Matches;

/// <summary>
/// POST /api/jobs/{jobId}/alumni-matches/{alumnusId}/invite: a recruiter invites a matched alumnus
/// back (idempotent; <see cref="BoomerangInvited"/>, on which Candidates opens a boomerang application).
/// </summary>
public static class InviteAlumnus
{
    public sealed record Invitation(Guid Id, Guid JobId, Guid AlumnusId, string InvitedBy, DateTimeOffset CreatedAt);

    internal const string InvitationSql =
        "SELECT id AS Id, job_id AS JobId, alumnus_id AS AlumnusId, invited_by AS InvitedBy, created_at AS CreatedAt FROM invitations WHERE job_id = @JobId AND alumnus_id = @AlumnusId";

    internal const string InsertInvitationSql =
        "INSERT INTO invitations (id, job_id, alumnus_id, invited_by, created_at) VALUES (@Id, @JobId, @AlumnusId, @InvitedBy, @Now)";

    public static void Map(RouteGroupBuilder jobs) =>
        jobs.MapPost("/{jobId:guid}/alumni-matches/{alumnusId:guid}/invite", Handle)
            .WithName("InviteAlumnusBack")
            .WithSummary("Invite an alumnus back for the job (idempotent)")
            .RequireRoles(RecommendationsApi.Writers)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Ok<Invitation>, Created<Invitation>, ProblemHttpResult>> Handle(
        Guid jobId, Guid alumnusId, Database database, Outbox outbox, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        await using var session = await database.BeginAsync(cancellationToken);
        var job = await session.Connection.QuerySingleOrDefaultAsync<AlumniMatches.OpenJob>(AlumniMatches.JobSql, new { JobId = jobId }, session.Transaction);
        if (job is null)
        {
            return ApiProblems.NotFound("Open job", jobId);
        }

        var existing = await session.Connection.QuerySingleOrDefaultAsync<InvitationRow>(InvitationSql, new { JobId = jobId, AlumnusId = alumnusId }, session.Transaction);
        if (existing is not null)
        {
            return TypedResults.Ok(existing.ToInvitation());
        }

        var alumnus = await session.Connection.QuerySingleOrDefaultAsync<AlumniMatches.Candidate>(AlumniMatches.CandidateSql, AlumniMatches.Matchable(alumnusId), session.Transaction);
        if (alumnus is null)
        {
            return ApiProblems.InvalidTransition("The alumnus is unknown, has not consented to rehire outreach, is not eligible, or has returned already.");
        }

        var now = clock.GetUtcNow();
        var invitedBy = Lengths.Fit(http.Email() ?? http.Actor(), Lengths.Actor);
        var id = TimeOrderedId.New(now);
        await session.Connection.ExecuteAsync(InsertInvitationSql, new { Id = id, JobId = jobId, AlumnusId = alumnusId, InvitedBy = invitedBy, Now = now }, session.Transaction);
        await outbox.EnqueueAsync(session, new BoomerangInvited(
            TimeOrderedId.New(now), now, id, alumnusId, jobId, alumnus.FullName, alumnus.PersonalEmail ?? alumnus.WorkEmail, alumnus.LinkedInUrl, invitedBy));
        await session.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/jobs/{jobId}/alumni-matches/{alumnusId}/invite", new Invitation(id, jobId, alumnusId, invitedBy, now));
    }

    private sealed class InvitationRow
    {
        public Guid Id { get; init; }
        public Guid JobId { get; init; }
        public Guid AlumnusId { get; init; }
        public string InvitedBy { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }

        public Invitation ToInvitation() => new(Id, JobId, AlumnusId, InvitedBy, CreatedAt);
    }
}
