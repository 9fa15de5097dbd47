using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Messaging;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Candidates.Features.Candidates;

/// <summary>PUT /api/candidates/by-external-id/{system}/{externalId}: an ATS or HRIS keeps its candidate in step, idempotently.</summary>
public static class UpsertCandidate
{
    public static void Map(RouteGroupBuilder candidates) =>
        candidates.MapPut("/by-external-id/{system}/{externalId}", Handle)
            .WithName("UpsertCandidateByExternalId")
            .WithSummary("Create or update a candidate by an ATS id")
            .WithDescription("The candidate holding this id in that system is updated; failing that, the one with this email adopts the id; failing that, one is registered (201, publishes CandidateRegistered). fullName and email are required; profiles and externalIds are merged by key, tags replace the stored ones when given, and fields left out keep their value. Sending the same body again changes nothing (200, same version). 409 when the email belongs to another candidate or the email's candidate holds another id in that system.")
            .RequireRoles(CandidatesApi.PipelineWriters)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Results<Created<CandidateResponse>, Ok<CandidateResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        [MaxLength(Lengths.System)] string system, [MaxLength(Lengths.ExternalId)] string externalId, CandidateFields request, Database database, Outbox outbox, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var validation = new Validation();
        Candidate.Validate(request, validation);
        Candidate.ValidateCollections(null, null, new Dictionary<string, string> { [system] = externalId }, validation);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        await using var session = await database.BeginAsync(cancellationToken);
        var outcome = await UpsertAsync(session, outbox, system, externalId, request, clock.GetUtcNow());
        switch (outcome)
        {
            case Registration.Created created:
                await session.CommitAsync(cancellationToken);
                http.Response.Headers.ETag = ETags.For(created.Candidate.Version);
                return TypedResults.Created($"/api/candidates/{created.Candidate.Id}", created.Candidate);
            case Registration.Updated or Registration.Unchanged:
                var candidate = outcome is Registration.Updated updated ? updated.Candidate : ((Registration.Unchanged)outcome).Candidate;
                await session.CommitAsync(cancellationToken);
                http.Response.Headers.ETag = ETags.For(candidate.Version);
                return TypedResults.Ok(candidate);
            default:
                return RegisterCandidate.Conflict(outcome);
        }
    }

    /// <summary>
    /// The candidate with (system, externalId), else the one with the email, brought up to the given
    /// fields; registered when there is neither. Validated fields only.
    /// </summary>
    public static async Task<Registration> UpsertAsync(
        DbSession session, Outbox outbox, string system, string externalId, CandidateFields fields, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(fields);
        var email = Validation.NormalizeEmail(fields.Email!);
        var byId = new Dictionary<string, string> { [system] = externalId };
        var existing = await session.Connection.ExecuteScalarAsync<Guid?>(
                Candidate.ExternalIdOwnerSql, new { System = system, ExternalId = externalId }, session.Transaction)
            ?? await session.Connection.ExecuteScalarAsync<Guid?>(Candidate.IdByEmailSql, new { Email = email }, session.Transaction);
        if (existing is null)
        {
            return await Candidate.RegisterAsync(session, outbox, fields with { ExternalIds = Merge(fields.ExternalIds, byId) }, now);
        }

        var current = (await Candidate.FindAsync(session.Connection, existing.Value, session.Transaction))!;
        if (current.ExternalIds.TryGetValue(system, out var held) && held != externalId)
        {
            return new Registration.ExternalIdTaken(system, current.Id);
        }

        var merged = new CandidateFields(
            fields.FullName!.Trim(),
            email,
            fields.Phone is null ? current.Phone : fields.Phone.Trim(),
            Merge(current.Profiles, fields.Profiles),
            fields.Tags is null ? current.Tags : Candidate.NormalizeTags(fields.Tags),
            Merge(Merge(current.ExternalIds, fields.ExternalIds), byId),
            Candidate.NormalizeAdditionalEmails([.. current.AdditionalEmails, current.Email, .. fields.AdditionalEmails ?? []], email));
        if (Same(current, merged))
        {
            return new Registration.Unchanged(current);
        }

        if (await Candidate.ConflictAsync(session, current.Id, Candidate.EmailsOf(merged), merged.ExternalIds!) is { } conflict)
        {
            return conflict;
        }

        return new Registration.Updated(await Candidate.OverwriteAsync(session, outbox, current, merged, now));
    }

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string>? stored, IReadOnlyDictionary<string, string>? given)
    {
        var merged = new Dictionary<string, string>(stored ?? new Dictionary<string, string>());
        foreach (var (key, value) in given ?? new Dictionary<string, string>())
        {
            merged[key] = value;
        }

        return merged;
    }

    private static bool Same(CandidateResponse current, CandidateFields merged) =>
        current.FullName == merged.FullName
        && current.Email == merged.Email
        && current.AdditionalEmails.SequenceEqual(merged.AdditionalEmails!)
        && current.Phone == merged.Phone
        && SameEntries(current.Profiles, merged.Profiles!)
        && current.Tags.SequenceEqual(merged.Tags!)
        && SameEntries(current.ExternalIds, merged.ExternalIds!);

    private static bool SameEntries(IReadOnlyDictionary<string, string> left, IReadOnlyDictionary<string, string> right) =>
        left.Count == right.Count && left.All(pair => right.TryGetValue(pair.Key, out var value) && value == pair.Value);
}
