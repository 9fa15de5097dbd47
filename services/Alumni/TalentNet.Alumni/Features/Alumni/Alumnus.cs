using System.Data.Common;
using System.Text.Json.Serialization;
using Dapper;
using TalentNet.Contracts;
using TalentNet.Storage;

namespace TalentNet.Alumni.Features.Alumni;

public sealed record Consents(bool AlumniNetwork, bool RehireOutreach, bool RecommendationRequest, bool ReferralAsk)
{
    public AlumnusConsents ToContract() => new(AlumniNetwork, RehireOutreach, RecommendationRequest, ReferralAsk);
}

/// <summary>Who made a change to an alumnus's record (kept with consent changes, as consent law asks).</summary>
[JsonConverter(typeof(WireEnumConverter<ChangeSource>))]
public enum ChangeSource
{
    /// <summary>HR or an administrator through the API.</summary>
    Hr,

    /// <summary>An HRIS or other system with an integration key.</summary>
    Integration,

    /// <summary>The alumnus on their own page.</summary>
    Alumnus,

    /// <summary>An HRIS file (the departures import): the consents the leaver gave as the HRIS holds them.</summary>
    Import,
}

public static class ChangeSources
{
    public static ChangeSource Of(HttpContext http) =>
        http is not null && http.User.IsInRole(TalentNet.ServiceDefaults.Auth.Roles.Integration) ? ChangeSource.Integration : ChangeSource.Hr;
}

public sealed record Manager(string Name, string Email);

public sealed record ReturnToCompany(DateOnly ReturnedOn, int MonthsAway, Channel? Channel, string? NewRole);

public sealed record AlumnusResponse(
    Guid Id,
    string EmployeeId,
    string FullName,
    string WorkEmail,
    string? PersonalEmail,
    string Department,
    string Role,
    Manager Manager,
    string? LinkedInUrl,
    DateOnly? StartedOn,
    DateOnly LastDay,
    DepartureReason? Reason,
    ReturnIntent? WouldReturn,
    AlumnusStatus Status,
    RehireEligibility RehireEligibility,
    string? EligibilityNote,
    Consents Consents,
    Language? Language,
    RecommendationStatus RecommendationStatus,
    Guid? CandidateId,
    ReturnToCompany? Return,
    bool? LegalHold,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version);

/// <summary>An alumnus as the record holds it; Reason, WouldReturn, EligibilityNote and LegalHold are null for callers without the need to know.</summary>
public static class Alumnus
{
    /// <summary>What the caller may see (<see cref="TalentNet.ServiceDefaults.Auth.AuthSetup.SeesPersonnelDetails"/>).</summary>
    public static AlumnusResponse ForCaller(this AlumnusResponse alumnus, HttpContext http) =>
        alumnus is null || TalentNet.ServiceDefaults.Auth.AuthSetup.SeesPersonnelDetails(http)
            ? alumnus!
            : alumnus with { Reason = null, WouldReturn = null, EligibilityNote = null, LegalHold = null };

    internal const string SelectColumns =
        """
        id AS Id, employee_id AS EmployeeId, full_name AS FullName, work_email AS WorkEmail, personal_email AS PersonalEmail,
        department AS Department, role AS Role, manager_name AS ManagerName, manager_email AS ManagerEmail, linkedin_url AS LinkedInUrl,
        started_on AS StartedOn, last_day AS LastDay, reason AS Reason, would_return AS WouldReturn, status AS Status,
        rehire_eligibility AS RehireEligibility, eligibility_note AS EligibilityNote, consent_alumni_network AS ConsentAlumniNetwork,
        consent_rehire AS ConsentRehire, consent_recommendation AS ConsentRecommendation, consent_referral_ask AS ConsentReferralAsk, language AS Language,
        recommendation_status AS RecommendationStatus, candidate_id AS CandidateId, returned_on AS ReturnedOn, months_away AS MonthsAway,
        return_channel AS ReturnChannel, return_role AS ReturnRole, legal_hold AS LegalHold, created_at AS CreatedAt, updated_at AS UpdatedAt, version AS Version
        """;

    internal static readonly string FindSql = $"SELECT {SelectColumns} FROM alumni WHERE id = @Id";

    internal static readonly string FindByEmailSql =
        $"SELECT {SelectColumns} FROM alumni WHERE (personal_email = @Email OR work_email = @Email) AND status <> @Rescinded ORDER BY last_day DESC";

    internal const string TimelineSql =
        "INSERT INTO timeline (alumnus_id, kind, detail, occurred_at, source) VALUES (@AlumnusId, @Kind, @Detail, @Now, @Source)";

    public static async Task<AlumnusResponse?> FindAsync(DbConnection connection, Guid id, DbTransaction? transaction = null) =>
        (await connection.QuerySingleOrDefaultAsync<AlumnusRow>(FindSql, new { Id = id }, transaction))?.ToResponse();

    /// <summary>The alumnus whose personal or work email this is (the latest departure wins; a rescinded one is still an employee).</summary>
    public static async Task<AlumnusResponse?> FindByEmailAsync(DbConnection connection, string email, DbTransaction? transaction = null) =>
        (await connection.QueryFirstOrDefaultAsync<AlumnusRow>(
            FindByEmailSql, new { Email = email.Trim().ToLowerInvariant(), Rescinded = AlumnusStatus.Rescinded.ToWire() }, transaction))?.ToResponse();

    public static Task RecordAsync(DbSession session, Guid alumnusId, string kind, string detail, DateTimeOffset now, ChangeSource? source = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.Connection.ExecuteAsync(
            TimelineSql, new { AlumnusId = alumnusId, Kind = kind, Detail = detail, Now = now, Source = source?.ToWire() }, session.Transaction);
    }


    /// <summary>Whole months between two dates, as people count them (1 Mar → 31 Mar is 0, → 1 Apr is 1).</summary>
    public static int MonthsBetween(DateOnly from, DateOnly to)
    {
        var months = ((to.Year - from.Year) * 12) + to.Month - from.Month;
        return Math.Max(0, to.Day < from.Day ? months - 1 : months);
    }
}

internal sealed class AlumnusRow
{
    public Guid Id { get; init; }
    public string EmployeeId { get; init; } = "";
    public string FullName { get; init; } = "";
    public string WorkEmail { get; init; } = "";
    public string? PersonalEmail { get; init; }
    public string Department { get; init; } = "";
    public string Role { get; init; } = "";
    public string ManagerName { get; init; } = "";
    public string ManagerEmail { get; init; } = "";
    public string? LinkedInUrl { get; init; }
    public DateOnly? StartedOn { get; init; }
    public DateOnly LastDay { get; init; }
    public string Reason { get; init; } = "";
    public string? WouldReturn { get; init; }
    public string Status { get; init; } = "";
    public string RehireEligibility { get; init; } = "";
    public string? EligibilityNote { get; init; }
    public int ConsentAlumniNetwork { get; init; }
    public int ConsentRehire { get; init; }
    public int ConsentRecommendation { get; init; }
    public int ConsentReferralAsk { get; init; }
    public string? Language { get; init; }
    public string RecommendationStatus { get; init; } = "";
    public Guid? CandidateId { get; init; }
    public DateOnly? ReturnedOn { get; init; }
    public int? MonthsAway { get; init; }
    public string? ReturnChannel { get; init; }
    public string? ReturnRole { get; init; }
    public int LegalHold { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public int Version { get; init; }

    public AlumnusResponse ToResponse() => new(
        Id, EmployeeId, FullName, WorkEmail, PersonalEmail, Department, Role, new Manager(ManagerName, ManagerEmail), LinkedInUrl,
        StartedOn, LastDay, Wire<DepartureReason>.Parse(Reason), WouldReturn is null ? null : Wire<ReturnIntent>.Parse(WouldReturn),
        Wire<AlumnusStatus>.Parse(Status), Wire<RehireEligibility>.Parse(RehireEligibility), EligibilityNote,
        new Consents(ConsentAlumniNetwork == 1, ConsentRehire == 1, ConsentRecommendation == 1, ConsentReferralAsk == 1),
        Language is null ? null : Wire<Language>.Parse(Language),
        Wire<RecommendationStatus>.Parse(RecommendationStatus), CandidateId,
        ReturnedOn is { } returnedOn
            ? new ReturnToCompany(returnedOn, MonthsAway ?? 0, ReturnChannel is null ? null : Wire<Channel>.Parse(ReturnChannel), ReturnRole)
            : null,
        LegalHold == 1, CreatedAt, UpdatedAt, Version);
}
