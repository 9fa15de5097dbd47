using System.Text.Json.Serialization;

// The closed vocabularies the services and their integrators share. On the wire each value is its
// kebab-case name (or the name given by JsonStringEnumMember); an unknown value is refused with
// the list of allowed ones. Adding a value is additive for producers only: deploy consumers first.
namespace TalentNet.Contracts;

/// <summary>The social or recruiting channel an application came through.</summary>
[JsonConverter(typeof(WireEnumConverter<Channel>))]
public enum Channel
{
    [JsonStringEnumMemberName("linkedin")] LinkedIn,
    Facebook,
    X,
    [JsonStringEnumMemberName("youtube")] YouTube,
    Instagram,
    CareersSite,
    JobBoard,
    Agency,
    EmployeeReferral,
    AlumniReferral,
    Boomerang,
    Event,
    Other,
}

/// <summary>Who referred a candidate.</summary>
[JsonConverter(typeof(WireEnumConverter<ReferrerKind>))]
public enum ReferrerKind
{
    Employee,
    Alumnus,
}

/// <summary>Whether a leaver may be hired again.</summary>
[JsonConverter(typeof(WireEnumConverter<RehireEligibility>))]
public enum RehireEligibility
{
    Eligible,
    WithReview,
    NotEligible,
}

/// <summary>Why an employee left.</summary>
[JsonConverter(typeof(WireEnumConverter<DepartureReason>))]
public enum DepartureReason
{
    Resignation,
    Relocation,
    CareerChange,
    Studies,
    Retirement,
    ContractEnd,
    Layoff,
    Performance,
    Conduct,
    Other,
}

/// <summary>A leaver's answer, in the exit interview, to "would you come back?".</summary>
[JsonConverter(typeof(WireEnumConverter<ReturnIntent>))]
public enum ReturnIntent
{
    Yes,
    Maybe,
    No,
}

/// <summary>Where a former employee stands with the company.</summary>
[JsonConverter(typeof(WireEnumConverter<AlumnusStatus>))]
public enum AlumnusStatus
{
    Alumnus,
    Returned,
    OptedOut,

    /// <summary>The only departure was withdrawn: not an alumnus, kept for the record.</summary>
    Rescinded,
}

/// <summary>Where a request to a former manager for a recommendation stands; <c>none</c> before any request.</summary>
[JsonConverter(typeof(WireEnumConverter<RecommendationStatus>))]
public enum RecommendationStatus
{
    None,
    Requested,
    Given,
    Declined,
    Expired,

    /// <summary>The departure was withdrawn before the manager answered.</summary>
    Cancelled,
}

/// <summary>The language a person is written to in (ISO 639-1: Norwegian Bokmål, English).</summary>
[JsonConverter(typeof(WireEnumConverter<Language>))]
public enum Language
{
    Nb,
    En,
}

/// <summary>Why a personal link to the alumni page was sent.</summary>
[JsonConverter(typeof(WireEnumConverter<AlumniLinkPurpose>))]
public enum AlumniLinkPurpose
{
    /// <summary>The leaver joined the alumni network: the welcome mail.</summary>
    Welcome,

    /// <summary>The alumnus asked for a new link by their address.</summary>
    Requested,
}

/// <summary>What a former employee's record and a candidate's had in common.</summary>
[JsonConverter(typeof(WireEnumConverter<BoomerangEvidence>))]
public enum BoomerangEvidence
{
    PersonalEmail,
    WorkEmail,
    Linkedin,
    EmployeeId,
}

/// <summary>Whether a job takes applications.</summary>
[JsonConverter(typeof(WireEnumConverter<JobStatus>))]
public enum JobStatus
{
    Open,
    Closed,
}

/// <summary>How far a candidate an alumnus referred has come.</summary>
[JsonConverter(typeof(WireEnumConverter<ReferralStatus>))]
public enum ReferralStatus
{
    Referred,
    Applied,
    Hired,
}
