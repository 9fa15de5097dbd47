using System.ComponentModel.DataAnnotations;
using System.Data.Common;
using System.Text.Json;
using Dapper;
using TalentNet.Contracts;
using TalentNet.Contracts.Candidates;
using TalentNet.Messaging;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Candidates.Features.Candidates;

/// <summary>Set when the Alumni service recognises the candidate as a former employee, with what matched.</summary>
public sealed record FormerEmployee(Guid AlumnusId, RehireEligibility RehireEligibility, IReadOnlyList<BoomerangEvidence> MatchedOn)
{
    /// <summary>
    /// The stored flag, if any: rows flagged before eligibility was kept count as eligible; the evidence is
    /// comma-separated wire names (none for rows flagged before it was kept).
    /// </summary>
    internal static FormerEmployee? From(Guid? alumnusId, string? eligibility, string? matchedOn = null) => alumnusId is { } alumnus
        ? new(alumnus, eligibility is null ? RehireEligibility.Eligible : Wire<RehireEligibility>.Parse(eligibility),
            [.. (matchedOn ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Wire<BoomerangEvidence>.Parse)])
        : null;

    /// <summary>The evidence as <see cref="From"/> reads it back; null for none.</summary>
    internal static string? Stored(IReadOnlyList<BoomerangEvidence>? matchedOn) =>
        matchedOn is { Count: > 0 } ? string.Join(",", matchedOn.Select(evidence => evidence.ToWire())) : null;
}

public sealed record CandidateResponse(
    Guid Id,
    string FullName,
    string Email,
    IReadOnlyList<string> AdditionalEmails,
    string? Phone,
    IReadOnlyDictionary<string, string> Profiles,
    IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, string> ExternalIds,
    FormerEmployee? FormerEmployee,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version);

/// <summary>The body of POST /api/candidates.</summary>
public sealed record CandidateFields(
    [property: MaxLength(Lengths.Name)] string? FullName,
    [property: MaxLength(Lengths.Email)] string? Email,
    [property: MaxLength(Lengths.Phone)] string? Phone,
    [property: MaxLength(Candidate.MaxProfiles), EachMaxLength(Lengths.Url)] IReadOnlyDictionary<string, string>? Profiles,
    [property: MaxLength(Candidate.MaxTags), EachMaxLength(Lengths.Tag)] IReadOnlyList<string>? Tags,
    [property: MaxLength(Candidate.MaxExternalIds), EachMaxLength(Lengths.ExternalId)] IReadOnlyDictionary<string, string>? ExternalIds,
    [property: MaxLength(Candidate.MaxAdditionalEmails), EachMaxLength(Lengths.Email)] IReadOnlyList<string>? AdditionalEmails = null);

/// <summary>What registering a candidate came to.</summary>
public abstract record Registration
{
    public sealed record Created(CandidateResponse Candidate) : Registration;

    public sealed record EmailTaken(Guid ExistingId) : Registration;

    public sealed record ExternalIdTaken(string System, Guid ExistingId) : Registration;

    public sealed record Updated(CandidateResponse Candidate) : Registration;

    public sealed record Unchanged(CandidateResponse Candidate) : Registration;
}

public static class Candidate
{
    public static readonly IReadOnlyList<string> ProfileKinds = ["linkedin", "facebook", "x", "youtube", "github", "website"];

    /// <summary>One profile of each kind.</summary>
    public const int MaxProfiles = 6;

    public const int MaxAdditionalEmails = 10;

    /// <summary>Ids in other systems (an ATS, the HRIS, a job board) one person can hold.</summary>
    public const int MaxExternalIds = 20;

    public const int MaxTags = 30;

    internal const string SelectColumns =
        """
        id AS Id, full_name AS FullName, email AS Email, additional_emails AS AdditionalEmails, phone AS Phone, profiles AS Profiles,
        tags AS Tags, external_ids AS ExternalIds, former_alumnus_id AS FormerAlumnusId, rehire_eligibility AS RehireEligibility,
        former_matched_on AS FormerMatchedOn, created_at AS CreatedAt, updated_at AS UpdatedAt, version AS Version
        """;

    internal static readonly string FindSql = $"SELECT {SelectColumns} FROM candidates WHERE id = @Id AND merged_into IS NULL";

    internal const string IdByEmailSql = "SELECT candidate_id FROM candidate_emails WHERE email = @Email";

    internal const string HoldersSql = "SELECT email AS Email, candidate_id AS CandidateId FROM candidate_emails WHERE email IN @Emails";

    internal const string DeleteEmailsSql = "DELETE FROM candidate_emails WHERE candidate_id = @Id";

    internal const string InsertEmailSql = "INSERT INTO candidate_emails (email, candidate_id) VALUES (@Email, @Id)";

    internal const string ExternalIdOwnerSql =
        "SELECT candidate_id FROM candidate_external_ids WHERE system = @System AND external_id = @ExternalId";

    internal const string InsertSql =
        """
        INSERT INTO candidates (id, full_name, email, additional_emails, phone, profiles, tags, external_ids, created_at, updated_at, version)
        VALUES (@Id, @FullName, @Email, @AdditionalEmails, @Phone, @Profiles, @Tags, @ExternalIds, @Now, @Now, 1)
        """;

    internal const string DeleteTagsSql = "DELETE FROM candidate_tags WHERE candidate_id = @Id";

    internal const string InsertTagSql = "INSERT INTO candidate_tags (candidate_id, tag) VALUES (@Id, @Tag)";

    internal const string DeleteExternalIdsSql = "DELETE FROM candidate_external_ids WHERE candidate_id = @Id";

    internal const string InsertExternalIdSql =
        "INSERT INTO candidate_external_ids (system, external_id, candidate_id) VALUES (@System, @ExternalId, @Id)";

    internal const string UpdateSql =
        """
        UPDATE candidates SET full_name = @FullName, email = @Email, additional_emails = @AdditionalEmails, phone = @Phone, profiles = @Profiles,
            tags = @Tags, external_ids = @ExternalIds, updated_at = @Now, version = version + 1
        WHERE id = @Id
        """;

    internal const string AddTagSql = "UPDATE candidates SET tags = @Tags, updated_at = @Now, version = version + 1 WHERE id = @Id";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Validate(CandidateFields fields, Validation validation)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(validation);
        validation.Maxima(fields).Required("fullName", fields.FullName).Email("email", fields.Email);
        var additional = fields.AdditionalEmails ?? [];
        for (var index = 0; index < Math.Min(additional.Count, MaxAdditionalEmails); index++)
        {
            validation.Email($"additionalEmails[{index}]", additional[index]);
        }
        ValidateCollections(fields.Profiles, fields.Tags, fields.ExternalIds, validation);
    }

    public static void ValidateCollections(
        IReadOnlyDictionary<string, string>? profiles, IReadOnlyList<string>? tags, IReadOnlyDictionary<string, string>? externalIds, Validation validation)
    {
        ArgumentNullException.ThrowIfNull(validation);
        // The counts are the declared maxima (checked first); entries are checked only up to them.
        foreach (var (kind, url) in (profiles ?? new Dictionary<string, string>()).Take(ProfileKinds.Count))
        {
            validation.Check(ProfileKinds.Contains(kind), $"profiles.{kind}", $"Profiles are one of: {string.Join(", ", ProfileKinds)}.");
            validation.Url($"profiles.{kind}", url);
        }

        validation.Check((tags ?? []).Take(MaxTags).All(tag => !string.IsNullOrWhiteSpace(tag)), "tags", "A tag is not blank.");
        foreach (var (system, id) in (externalIds ?? new Dictionary<string, string>()).Take(MaxExternalIds))
        {
            validation.Check(system.Length is >= 1 and <= Lengths.System, $"externalIds.{system}", $"System names are 1 to {Lengths.System} characters.");
            validation.Check(!string.IsNullOrWhiteSpace(id) && id.Length <= Lengths.ExternalId, $"externalIds.{system}", $"Ids are 1 to {Lengths.ExternalId} characters.");
        }
    }

    /// <summary>The addresses besides the primary one, normalized, without the primary and repeats.</summary>
    public static IReadOnlyList<string> NormalizeAdditionalEmails(IEnumerable<string>? emails, string primary) =>
        (emails ?? []).Select(Validation.NormalizeEmail).Where(email => email != Validation.NormalizeEmail(primary)).Distinct().ToList();

    /// <summary>Every address of these fields, the primary first.</summary>
    public static IReadOnlyList<string> EmailsOf(CandidateFields fields) =>
        fields is null ? throw new ArgumentNullException(nameof(fields))
            : [Validation.NormalizeEmail(fields.Email!), .. NormalizeAdditionalEmails(fields.AdditionalEmails, fields.Email!)];

    public static IReadOnlyList<string> NormalizeTags(IEnumerable<string>? tags) =>
        (tags ?? []).Select(tag => tag.Trim().ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).ToList();

    public static async Task<CandidateResponse?> FindAsync(DbConnection connection, Guid id, DbTransaction? transaction = null)
    {
        var row = await connection.QuerySingleOrDefaultAsync<CandidateRow>(FindSql, new { Id = id }, transaction);
        return row?.ToResponse();
    }

    /// <summary>
    /// Stores a new candidate and raises <see cref="CandidateRegistered"/>, unless the email or an
    /// ATS id already belongs to someone.
    /// </summary>
    public static async Task<Registration> RegisterAsync(DbSession session, Outbox outbox, CandidateFields fields, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(fields);
        var externalIds = fields.ExternalIds ?? new Dictionary<string, string>();
        if (await ConflictAsync(session, null, EmailsOf(fields), externalIds) is { } conflict)
        {
            return conflict;
        }

        return new Registration.Created(await InsertAsync(session, outbox, fields with { ExternalIds = externalIds }, now));
    }

    /// <summary>
    /// Stores a new candidate and raises <see cref="CandidateRegistered"/>, for callers that know the
    /// email and ATS ids are nobody's (<see cref="RegisterAsync"/>, an import's batch lookup).
    /// </summary>
    public static async Task<CandidateResponse> InsertAsync(DbSession session, Outbox outbox, CandidateFields fields, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(outbox);
        var id = TimeOrderedId.New(now);
        var stored = await WriteRowAsync(session, InsertSql, id, fields, now, replacing: false);
        var created = new CandidateResponse(
            id, stored.FullName, stored.Email, stored.AdditionalEmails, stored.Phone, stored.Profiles, stored.Tags, stored.ExternalIds, null, now, now, Version: 1);
        await outbox.EnqueueAsync(session, new CandidateRegistered(
            TimeOrderedId.New(now), now, id, created.FullName, created.Email, created.Profiles.GetValueOrDefault("linkedin"),
            created.AdditionalEmails, created.ExternalIds));
        return created;
    }

    /// <summary>The candidate with this email, registered first when there is none (for integrations).</summary>
    public static async Task<CandidateResponse> FindOrRegisterAsync(DbSession session, Outbox outbox, CandidateFields fields, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        var outcome = await RegisterAsync(session, outbox, fields, now);
        return outcome switch
        {
            Registration.Created created => created.Candidate,
            Registration.EmailTaken taken => (await FindAsync(session.Connection, taken.ExistingId, session.Transaction))!,
            Registration.ExternalIdTaken taken => (await FindAsync(session.Connection, taken.ExistingId, session.Transaction))!,
            _ => throw new InvalidOperationException($"Unexpected registration outcome {outcome}."),
        };
    }

    /// <summary>Whom one of the addresses or ATS ids already belongs to, other than <paramref name="self"/>; null when nobody.</summary>
    public static async Task<Registration?> ConflictAsync(
        DbSession session, Guid? self, IReadOnlyList<string> emails, IReadOnlyDictionary<string, string> externalIds)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(externalIds);
        var holders = await session.Connection.QueryAsync<EmailHolder>(HoldersSql, new { Emails = emails }, session.Transaction);
        if (holders.FirstOrDefault(holder => holder.CandidateId != self) is { } taken)
        {
            return new Registration.EmailTaken(taken.CandidateId);
        }

        foreach (var (system, externalId) in externalIds)
        {
            var owner = await session.Connection.ExecuteScalarAsync<Guid?>(ExternalIdOwnerSql, new { System = system, ExternalId = externalId }, session.Transaction);
            if (owner is { } someoneElse && someoneElse != self)
            {
                return new Registration.ExternalIdTaken(system, someoneElse);
            }
        }

        return null;
    }

    /// <summary>
    /// Writes validated fields over a stored candidate (conflicts checked by the caller) and returns it as
    /// stored; raises <see cref="CandidateIdentifiersChanged"/> when an address, the LinkedIn profile or an ATS id changed.
    /// </summary>
    public static async Task<CandidateResponse> OverwriteAsync(DbSession session, Outbox outbox, CandidateResponse current, CandidateFields fields, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(current);
        await WriteRowAsync(session, UpdateSql, current.Id, fields, now, replacing: true);
        var updated = (await FindAsync(session.Connection, current.Id, session.Transaction))!;
        if (Identifiers(updated) != Identifiers(current))
        {
            await outbox.EnqueueAsync(session, IdentifiersChanged(updated, now));
        }

        return updated;
    }

    /// <summary>The candidate's identifiers as Alumni matches them against former employees.</summary>
    public static CandidateIdentifiersChanged IdentifiersChanged(CandidateResponse candidate, DateTimeOffset now) =>
        candidate is null ? throw new ArgumentNullException(nameof(candidate)) : new(
            TimeOrderedId.New(now), now, candidate.Id, candidate.Email, candidate.AdditionalEmails, candidate.Profiles.GetValueOrDefault("linkedin"),
            candidate.ExternalIds);

    private static string Identifiers(CandidateResponse candidate) =>
        string.Join("|", [candidate.Email, .. candidate.AdditionalEmails.Order(StringComparer.Ordinal), candidate.Profiles.GetValueOrDefault("linkedin") ?? "",
            .. candidate.ExternalIds.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={pair.Value}")]);

    private sealed class EmailHolder
    {
        public string Email { get; init; } = "";
        public Guid CandidateId { get; init; }
    }

    /// <summary>The candidate's row (inserted or updated by <paramref name="sql"/>) with its tags and ATS ids, as normalized and stored.</summary>
    private static async Task<StoredFields> WriteRowAsync(DbSession session, string sql, Guid id, CandidateFields fields, DateTimeOffset now, bool replacing)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var stored = new StoredFields(
            fields.FullName!.Trim(), Validation.NormalizeEmail(fields.Email!), NormalizeAdditionalEmails(fields.AdditionalEmails, fields.Email!), fields.Phone?.Trim(),
            fields.Profiles ?? new Dictionary<string, string>(), NormalizeTags(fields.Tags), fields.ExternalIds ?? new Dictionary<string, string>());
        await session.WriteAsync(sql, new
        {
            Id = id,
            stored.FullName,
            stored.Email,
            AdditionalEmails = JsonSerializer.Serialize(stored.AdditionalEmails, Json),
            stored.Phone,
            Profiles = JsonSerializer.Serialize(stored.Profiles, Json),
            Tags = JsonSerializer.Serialize(stored.Tags, Json),
            ExternalIds = JsonSerializer.Serialize(stored.ExternalIds, Json),
            Now = now,
        });
        await SaveTagsAsync(session, id, stored.Tags, replacing);
        if (replacing)
        {
            await session.Connection.ExecuteAsync(DeleteEmailsSql, new { Id = id }, session.Transaction);
            await session.Connection.ExecuteAsync(DeleteExternalIdsSql, new { Id = id }, session.Transaction);
        }

        foreach (var email in stored.AdditionalEmails.Prepend(stored.Email))
        {
            await session.WriteAsync(InsertEmailSql, new { Id = id, Email = email });
        }

        foreach (var (system, externalId) in stored.ExternalIds)
        {
            await session.WriteAsync(InsertExternalIdSql, new { Id = id, System = system, ExternalId = externalId });
        }

        return stored;
    }

    private sealed record StoredFields(
        string FullName, string Email, IReadOnlyList<string> AdditionalEmails, string? Phone, IReadOnlyDictionary<string, string> Profiles, IReadOnlyList<string> Tags,
        IReadOnlyDictionary<string, string> ExternalIds);

    /// <summary>The candidate's tag rows: the given ones, in place of the stored ones when <paramref name="replacing"/> (a new candidate has none).</summary>
    public static async Task SaveTagsAsync(DbSession session, Guid id, IReadOnlyList<string> tags, bool replacing = true)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(tags);
        if (replacing)
        {
            await session.Connection.ExecuteAsync(DeleteTagsSql, new { Id = id }, session.Transaction);
        }

        foreach (var tag in tags)
        {
            await session.WriteAsync(InsertTagSql, new { Id = id, Tag = tag });
        }
    }

    /// <summary>Adds a tag (e.g. "referred") to an existing candidate.</summary>
    public static async Task AddTagAsync(DbSession session, CandidateResponse candidate, string tag, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(candidate);
        var tags = NormalizeTags(candidate.Tags.Append(tag));
        await session.Connection.ExecuteAsync(AddTagSql, new { candidate.Id, Tags = JsonSerializer.Serialize(tags, Json), Now = now }, session.Transaction);
        await SaveTagsAsync(session, candidate.Id, tags);
    }

}

internal sealed class CandidateRow
{
    public Guid Id { get; init; }
    public string FullName { get; init; } = "";
    public string Email { get; init; } = "";
    public string AdditionalEmails { get; init; } = "[]";
    public string? Phone { get; init; }
    public string Profiles { get; init; } = "{}";
    public string Tags { get; init; } = "[]";
    public string ExternalIds { get; init; } = "{}";
    public Guid? FormerAlumnusId { get; init; }
    public string? RehireEligibility { get; init; }
    public string? FormerMatchedOn { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public int Version { get; init; }

    public CandidateResponse ToResponse() => new(
        Id, FullName, Email, JsonSerializer.Deserialize<List<string>>(AdditionalEmails, Candidate.Json) ?? [], Phone,
        JsonSerializer.Deserialize<Dictionary<string, string>>(Profiles, Candidate.Json) ?? [],
        JsonSerializer.Deserialize<List<string>>(Tags, Candidate.Json) ?? [],
        JsonSerializer.Deserialize<Dictionary<string, string>>(ExternalIds, Candidate.Json) ?? [],
        FormerEmployee.From(FormerAlumnusId, RehireEligibility, FormerMatchedOn),
        CreatedAt, UpdatedAt, Version);
}
