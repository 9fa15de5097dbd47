using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Contracts;
using TalentNet.Contracts.Candidates;
using TalentNet.Messaging;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Candidates.Features.Candidates;

/// <summary>
/// POST /api/candidates/{id}/merge: two records are one person. Applications (with their history),
/// addresses, tags, profiles and ATS ids move to the survivor; the duplicate keeps only its id and
/// where it went (its reads answer 308); <see cref="CandidatesMerged"/> lets the other services re-point.
/// </summary>
public static class MergeCandidates
{
    public sealed record Request(Guid? DuplicateId);

    internal const string MergedIntoSql = "SELECT merged_into FROM candidates WHERE id = @Id";

    internal const string BothOpenSql =
        """
        SELECT a.job_id FROM applications a JOIN applications b ON b.job_id = a.job_id
        WHERE a.candidate_id = @SurvivorId AND b.candidate_id = @DuplicateId AND a.is_open = 1 AND b.is_open = 1
        """;

    internal const string DuplicateExternalIdsSql = "SELECT system AS System, external_id AS ExternalId FROM candidate_external_ids WHERE candidate_id = @DuplicateId";

    internal const string ReleaseEmailsSql = "DELETE FROM candidate_emails WHERE candidate_id = @DuplicateId";

    internal const string ReleaseExternalIdsSql = "DELETE FROM candidate_external_ids WHERE candidate_id = @DuplicateId";

    internal const string ReleaseTagsSql = "DELETE FROM candidate_tags WHERE candidate_id = @DuplicateId";

    internal const string MoveApplicationsSql =
        "UPDATE applications SET candidate_id = @SurvivorId, updated_at = @Now, version = version + 1 WHERE candidate_id = @DuplicateId";

    internal const string InsertExternalIdSql = "INSERT INTO candidate_external_ids (system, external_id, candidate_id) VALUES (@System, @ExternalId, @SurvivorId)";

    internal const string InheritFlagSql =
        """
        UPDATE candidates SET former_alumnus_id = @AlumnusId, rehire_eligibility = @Eligibility, former_matched_on = @MatchedOn
        WHERE id = @SurvivorId AND former_alumnus_id IS NULL
        """;

    // Nothing personal stays on the duplicate: it only points at the survivor.
    internal const string TombstoneSql =
        """
        UPDATE candidates SET merged_into = @SurvivorId, full_name = '', email = '', additional_emails = '[]', phone = NULL, profiles = '{}',
            tags = '[]', external_ids = '{}', former_alumnus_id = NULL, rehire_eligibility = NULL, former_matched_on = NULL,
            updated_at = @Now, version = version + 1
        WHERE id = @DuplicateId
        """;

    private sealed class HeldId
    {
        public string System { get; init; } = "";
        public string ExternalId { get; init; } = "";
    }

    public static void Map(RouteGroupBuilder candidates) =>
        candidates.MapPost("/{id:guid}/merge", Handle)
            .WithName("MergeCandidates")
            .WithSummary("Merge a duplicate record into this candidate")
            .WithDescription("The survivor keeps its own name, primary address and values; the duplicate's addresses become additional ones, its tags, profiles it lacks and ATS ids join, its applications move. The duplicate's id answers 308 to the survivor afterwards. Refused (409) while both have an open application for the same job. Publishes CandidatesMerged.")
            .RequireRoles(CandidatesApi.Writers)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Results<Ok<CandidateResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, Request request, Database database, Outbox outbox, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = new Validation().Required("duplicateId", request.DuplicateId).Check(request.DuplicateId != id, "duplicateId", "Must be another candidate.");
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var duplicateId = request.DuplicateId!.Value;
        await using var session = await database.BeginAsync(cancellationToken);
        var survivor = await Candidate.FindAsync(session.Connection, id, session.Transaction);
        if (survivor is null)
        {
            return ApiProblems.NotFound("Candidate", id);
        }

        var duplicate = await Candidate.FindAsync(session.Connection, duplicateId, session.Transaction);
        if (duplicate is null)
        {
            return await session.Connection.ExecuteScalarAsync<Guid?>(MergedIntoSql, new { Id = duplicateId }, session.Transaction) == id
                ? TypedResults.Ok(survivor)
                : ApiProblems.NotFound("Candidate", duplicateId);
        }

        var ids = new { SurvivorId = id, DuplicateId = duplicateId, Now = clock.GetUtcNow() };
        if (await session.Connection.ExecuteScalarAsync<Guid?>(BothOpenSql, ids, session.Transaction) is { } jobId)
        {
            return ApiProblems.Conflict($"Both have an open application for job {jobId}; close one of them first.", $"/api/applications?candidateId={duplicateId}&jobId={jobId}");
        }

        var held = (await session.Connection.QueryAsync<HeldId>(DuplicateExternalIdsSql, ids, session.Transaction)).ToList();
        foreach (var release in new[] { ReleaseEmailsSql, ReleaseExternalIdsSql, ReleaseTagsSql })
        {
            await session.Connection.ExecuteAsync(release, ids, session.Transaction);
        }

        var combined = Combine(survivor, duplicate);
        var merged = await Candidate.OverwriteAsync(session, outbox, survivor, combined, ids.Now);
        await session.Connection.ExecuteAsync(InsertExternalIdSql,
            held.Where(entry => merged.ExternalIds.GetValueOrDefault(entry.System) != entry.ExternalId)
                .Select(entry => new { entry.System, entry.ExternalId, ids.SurvivorId }), session.Transaction);
        await session.Connection.ExecuteAsync(MoveApplicationsSql, ids, session.Transaction);
        if (duplicate.FormerEmployee is { } former)
        {
            await session.Connection.ExecuteAsync(InheritFlagSql, new
            {
                former.AlumnusId, Eligibility = former.RehireEligibility.ToWire(), ids.SurvivorId,
                MatchedOn = FormerEmployee.Stored(former.MatchedOn),
            }, session.Transaction);
        }

        await session.Connection.ExecuteAsync(TombstoneSql, ids, session.Transaction);
        await outbox.EnqueueAsync(session, new CandidatesMerged(TimeOrderedId.New(ids.Now), ids.Now, id, duplicateId));
        var answer = (await Candidate.FindAsync(session.Connection, id, session.Transaction))!;
        await session.CommitAsync(cancellationToken);
        return TypedResults.Ok(answer);
    }

    /// <summary>Whom a merged duplicate went to; null for any other id.</summary>
    public static Task<Guid?> SurvivorOfAsync(System.Data.Common.DbConnection connection, Guid id) =>
        connection.ExecuteScalarAsync<Guid?>(MergedIntoSql, new { Id = id });

    /// <summary>The survivor's values first; the duplicate adds what the survivor lacks.</summary>
    private static CandidateFields Combine(CandidateResponse survivor, CandidateResponse duplicate)
    {
        var profiles = new Dictionary<string, string>(duplicate.Profiles);
        foreach (var (kind, url) in survivor.Profiles)
        {
            profiles[kind] = url;
        }

        var externalIds = new Dictionary<string, string>(duplicate.ExternalIds);
        foreach (var (system, externalId) in survivor.ExternalIds)
        {
            externalIds[system] = externalId;
        }

        return new CandidateFields(
            survivor.FullName, survivor.Email, survivor.Phone ?? duplicate.Phone, profiles, [.. survivor.Tags, .. duplicate.Tags], externalIds,
            Candidate.NormalizeAdditionalEmails([.. survivor.AdditionalEmails, duplicate.Email, .. duplicate.AdditionalEmails], survivor.Email));
    }
}
