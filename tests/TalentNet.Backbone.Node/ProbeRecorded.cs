using MassTransit;
using TalentNet.Contracts;

namespace TalentNet.Backbone.Node;

/// <summary>The backbone tests' own event. A negative number is a poison message.</summary>
[MessageUrn("talentnet:test:probe-recorded:v1")]
[EntityName("talentnet.test.probe-recorded.v1")]
public sealed record ProbeRecorded(Guid EventId, DateTimeOffset OccurredAt, int Number) : IIntegrationEvent;
