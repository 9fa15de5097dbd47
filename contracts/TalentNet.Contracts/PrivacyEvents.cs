using MassTransit;

// Wire names are the URN and the exchange name; neither depends on this CLR namespace.
namespace TalentNet.Contracts.Privacy;

/// <summary>
/// HR or an admin asked that a person be erased (GDPR Art. 17). Every service that holds personal
/// data erases what it holds about the addresses and employee ids (anonymizing what statistics
/// count) and answers with <see cref="PersonalDataErased"/>. The identifiers are what the services
/// find the person by (an employee id also as an external id in any of EmployeeIdSystems, such as
/// hris); each service drops this event's stored copies once it has erased.
/// </summary>
[InternalOnly]
[MessageUrn("talentnet:privacy:personal-data-erasure-requested:v1")]
[EntityName("talentnet.privacy.personal-data-erasure-requested.v1")]
public sealed record PersonalDataErasureRequested(
    Guid EventId, DateTimeOffset OccurredAt,
    Guid RequestId, IReadOnlyList<string> Emails, IReadOnlyList<string> EmployeeIds, IReadOnlyList<string>? EmployeeIdSystems = null) : IIntegrationEvent;

/// <summary>One service erased what it held about the person of an erasure request: how many records it changed.</summary>
[InternalOnly]
[MessageUrn("talentnet:privacy:personal-data-erased:v1")]
[EntityName("talentnet.privacy.personal-data-erased.v1")]
public sealed record PersonalDataErased(
    Guid EventId, DateTimeOffset OccurredAt,
    Guid RequestId, string Service, int RecordsErased) : IIntegrationEvent;
