using System.Security.Cryptography;
using System.Text;
using Dapper;
using TalentNet.Alumni.Features.Alumni;
using TalentNet.Contracts;
using TalentNet.Contracts.Alumni;
using TalentNet.Messaging;
using TalentNet.Storage;

namespace TalentNet.Alumni.Features.Boomerangs;

/// <summary>
/// Boomerang detection, run at every change on either side: a candidate's addresses, LinkedIn profile
/// and employee ids against every alumnus's personal and work address, LinkedIn profile and employee
/// id. Candidates are remembered by hashes of what identifies them, never by the values; each match
/// keeps the evidence, and the first candidate matched is the alumnus's link (told to Candidates).
/// </summary>
public static class BoomerangMatching
{
    /// <summary>What identifies a candidate (everything is optional but the primary address).</summary>
    public sealed record CandidateIdentity(Guid CandidateId, IReadOnlyList<string> Emails, string? LinkedInUrl, IReadOnlyList<string> EmployeeIds);

    internal const string ForgetSql = "DELETE FROM candidate_identifiers WHERE candidate_id = @CandidateId";

    internal const string RememberSql = "INSERT INTO candidate_identifiers (identifier, candidate_id) VALUES (@Identifier, @CandidateId)";

    internal const string CandidatesSql =
        "SELECT identifier AS Identifier, candidate_id AS CandidateId FROM candidate_identifiers WHERE identifier IN @Identifiers";

    internal static readonly string AlumniSql =
        $"""
        SELECT {Alumnus.SelectColumns} FROM alumni
        WHERE status <> @Rescinded
          AND (personal_email IN @Emails OR work_email IN @Emails OR linkedin_key = @LinkedIn OR employee_id IN @EmployeeIds)
        """;

    internal const string LinkedInKeySql = "UPDATE alumni SET linkedin_key = @Key WHERE id = @Id";

    internal const string EvidenceSql = "SELECT matched_on FROM boomerang_matches WHERE alumnus_id = @AlumnusId AND candidate_id = @CandidateId";

    internal const string InsertMatchSql =
        "INSERT INTO boomerang_matches (alumnus_id, candidate_id, matched_on, matched_at) VALUES (@AlumnusId, @CandidateId, @MatchedOn, @Now)";

    internal const string UpdateMatchSql =
        "UPDATE boomerang_matches SET matched_on = @MatchedOn, matched_at = @Now WHERE alumnus_id = @AlumnusId AND candidate_id = @CandidateId";

    internal const string LinkSql =
        """
        UPDATE alumni SET candidate_id = @CandidateId, updated_at = @Now, version = version + 1
        WHERE id = @AlumnusId AND (candidate_id IS NULL OR candidate_id = @CandidateId)
        """;

    private const int MaxLinkedInKey = 450;

    private sealed class Remembered
    {
        public string Identifier { get; init; } = "";
        public Guid CandidateId { get; init; }
    }

    /// <summary>
    /// The hashes of what identified the candidate go: Candidates removed their personal data, or merged
    /// them into another record. Matches already made (ids only) stay.
    /// </summary>
    public static async Task ForgetIdentifiersAsync(DbSession session, Guid candidateId)
    {
        ArgumentNullException.ThrowIfNull(session);
        await session.Connection.ExecuteAsync(ForgetSql, new { CandidateId = candidateId }, session.Transaction);
    }

    /// <summary>A candidate registered or changed: remember what identifies them and match every alumnus it points at.</summary>
    public static async Task CandidateChangedAsync(DbSession session, Outbox outbox, CandidateIdentity candidate, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(candidate);
        var emails = candidate.Emails.Select(Normalize).Distinct().ToList();
        var linkedIn = LinkedInKey(candidate.LinkedInUrl);
        var employeeIds = candidate.EmployeeIds.Select(id => id.Trim()).Distinct().ToList();
        await session.Connection.ExecuteAsync(ForgetSql, new { candidate.CandidateId }, session.Transaction);
        var identifiers = emails.Select(Email).Concat(employeeIds.Select(EmployeeId)).Concat(linkedIn is null ? [] : [LinkedIn(linkedIn)]).Distinct();
        await session.Connection.ExecuteAsync(RememberSql, identifiers.Select(identifier => new { Identifier = identifier, candidate.CandidateId }), session.Transaction);

        var alumni = await session.Connection.QueryAsync<AlumnusRow>(AlumniSql, new
        {
            Emails = emails, LinkedIn = linkedIn, EmployeeIds = employeeIds, Rescinded = AlumnusStatus.Rescinded.ToWire(),
        }, session.Transaction);
        foreach (var alumnus in alumni.Select(row => row.ToResponse()))
        {
            var evidence = new List<BoomerangEvidence>();
            Add(evidence, alumnus.PersonalEmail is { } personal && emails.Contains(personal), BoomerangEvidence.PersonalEmail);
            Add(evidence, emails.Contains(alumnus.WorkEmail), BoomerangEvidence.WorkEmail);
            Add(evidence, linkedIn is not null && LinkedInKey(alumnus.LinkedInUrl) == linkedIn, BoomerangEvidence.Linkedin);
            Add(evidence, employeeIds.Contains(alumnus.EmployeeId), BoomerangEvidence.EmployeeId);
            await RecordAsync(session, outbox, alumnus, candidate.CandidateId, evidence, now);
        }
    }

    /// <summary>An alumnus was recorded or their contact details changed: match every candidate remembered by one of them.</summary>
    public static async Task AlumnusChangedAsync(DbSession session, Outbox outbox, Guid alumnusId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        var alumnus = await Alumnus.FindAsync(session.Connection, alumnusId, session.Transaction);
        if (alumnus is null || alumnus.Status == AlumnusStatus.Rescinded)
        {
            return;
        }

        var linkedIn = LinkedInKey(alumnus.LinkedInUrl);
        await session.Connection.ExecuteAsync(LinkedInKeySql, new { Id = alumnusId, Key = linkedIn }, session.Transaction);
        var evidenceOf = new Dictionary<string, List<BoomerangEvidence>>(StringComparer.Ordinal);
        void Expect(string? identifier, BoomerangEvidence evidence)
        {
            if (identifier is not null)
            {
                (evidenceOf.TryGetValue(identifier, out var list) ? list : evidenceOf[identifier] = []).Add(evidence);
            }
        }

        Expect(alumnus.PersonalEmail is { } personal ? Email(personal) : null, BoomerangEvidence.PersonalEmail);
        Expect(Email(alumnus.WorkEmail), BoomerangEvidence.WorkEmail);
        Expect(linkedIn is null ? null : LinkedIn(linkedIn), BoomerangEvidence.Linkedin);
        Expect(EmployeeId(alumnus.EmployeeId), BoomerangEvidence.EmployeeId);
        var found = await session.Connection.QueryAsync<Remembered>(CandidatesSql, new { Identifiers = evidenceOf.Keys.ToList() }, session.Transaction);
        foreach (var candidate in found.GroupBy(row => row.CandidateId).OrderBy(group => group.Key))
        {
            await RecordAsync(session, outbox, alumnus, candidate.Key, candidate.SelectMany(row => evidenceOf[row.Identifier]).ToList(), now);
        }
    }

    /// <summary>The comparable form of a LinkedIn profile URL: host without scheme, www or country prefix; path lower-cased without a trailing slash.</summary>
    public static string? LinkedInKey(string? url)
    {
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri))
        {
            return null;
        }

        var host = uri.Host.ToLowerInvariant();
        if (host == "linkedin.com" || host.EndsWith(".linkedin.com", StringComparison.Ordinal))
        {
            host = "linkedin.com";
        }

        var key = host + uri.AbsolutePath.TrimEnd('/').ToLowerInvariant();
        return key.Length <= MaxLinkedInKey ? key : null;
    }

    private static async Task RecordAsync(
        DbSession session, Outbox outbox, AlumnusResponse alumnus, Guid candidateId, List<BoomerangEvidence> evidence, DateTimeOffset now)
    {
        if (evidence.Count == 0)
        {
            return;
        }

        var matchedOn = string.Join(",", evidence.Distinct().Order().Select(item => item.ToWire()));
        var parameters = new { AlumnusId = alumnus.Id, CandidateId = candidateId, MatchedOn = matchedOn, Now = now };
        var known = await session.Connection.ExecuteScalarAsync<string?>(EvidenceSql, parameters, session.Transaction);
        if (known == matchedOn)
        {
            return;
        }

        await session.Connection.ExecuteAsync(known is null ? InsertMatchSql : UpdateMatchSql, parameters, session.Transaction);
        await Alumnus.RecordAsync(session, alumnus.Id, "matched-candidate", $"Candidate {candidateId} matched on {matchedOn.Replace(",", ", ", StringComparison.Ordinal)}.", now);
        if (await session.Connection.ExecuteAsync(LinkSql, parameters, session.Transaction) == 1)
        {
            await outbox.EnqueueAsync(session, new AlumnusApplied(
                TimeOrderedId.New(now), now, alumnus.Id, candidateId, alumnus.RehireEligibility, [.. evidence.Distinct().Order()]));
        }
    }

    private static void Add(List<BoomerangEvidence> evidence, bool found, BoomerangEvidence kind)
    {
        if (found)
        {
            evidence.Add(kind);
        }
    }

    /// <summary>The hashes candidates are kept by in Alumni for these addresses and employee ids.</summary>
    internal static IReadOnlyList<string> IdentifierHashes(IEnumerable<string> emails, IEnumerable<string> employeeIds) =>
        [.. emails.Select(Email), .. employeeIds.Select(EmployeeId)];

    private static string Normalize(string email) => email.Trim().ToLowerInvariant();

    private static string Email(string email) => Hash("email", Normalize(email));

    private static string LinkedIn(string key) => Hash("linkedin", key);

    private static string EmployeeId(string id) => Hash("employee-id", id.Trim());

    private static string Hash(string kind, string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}:{value}")));
}
