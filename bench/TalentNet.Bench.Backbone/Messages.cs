using MassTransit;
using TalentNet.Contracts;

namespace TalentNet.Bench.Backbone;

/// <summary>Sent straight through MassTransit: the baseline.</summary>
[MessageUrn("talentnet:bench:raw-pinged:v1")]
[EntityName("talentnet.bench.raw-pinged.v1")]
public sealed record RawPinged(Guid EventId, DateTimeOffset OccurredAt, int Sequence) : IIntegrationEvent;

/// <summary>Written with a row through the outbox: the full backbone.</summary>
[MessageUrn("talentnet:bench:row-recorded:v1")]
[EntityName("talentnet.bench.row-recorded.v1")]
public sealed record RowRecorded(Guid EventId, DateTimeOffset OccurredAt, int Sequence) : IIntegrationEvent;
