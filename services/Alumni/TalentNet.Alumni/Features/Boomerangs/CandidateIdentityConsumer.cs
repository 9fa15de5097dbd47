using MassTransit;
using TalentNet.Contracts.Candidates;
using TalentNet.Messaging;

namespace TalentNet.Alumni.Features.Boomerangs;

/// <summary>
/// Boomerang detection from the candidate's side: at registration and whenever an address, the LinkedIn
/// profile or an external id changes; forgotten when retention anonymizes the candidate.
/// </summary>
public sealed class CandidateIdentityConsumer(ConsumeSession session, Outbox outbox, AlumniOptions options, TimeProvider clock)
    : IConsumer<CandidateRegistered>, IConsumer<CandidateIdentifiersChanged>, IConsumer<CandidateAnonymized>
{
    public Task Consume(ConsumeContext<CandidateRegistered> context)
    {
        var candidate = context.Message;
        return MatchAsync(candidate.CandidateId, [candidate.Email, .. candidate.AdditionalEmails ?? []], candidate.LinkedInUrl, candidate.ExternalIds);
    }

    public Task Consume(ConsumeContext<CandidateIdentifiersChanged> context)
    {
        var candidate = context.Message;
        return MatchAsync(candidate.CandidateId, [candidate.Email, .. candidate.AdditionalEmails], candidate.LinkedInUrl, candidate.ExternalIds);
    }

    public Task Consume(ConsumeContext<CandidateAnonymized> context) =>
        BoomerangMatching.ForgetIdentifiersAsync(session.Current, context.Message.CandidateId);

    private Task MatchAsync(Guid candidateId, IReadOnlyList<string> emails, string? linkedInUrl, IReadOnlyDictionary<string, string>? externalIds) =>
        BoomerangMatching.CandidateChangedAsync(session.Current, outbox, new BoomerangMatching.CandidateIdentity(
            candidateId, emails, linkedInUrl,
            [.. (externalIds ?? new Dictionary<string, string>()).Where(pair => options.EmployeeIdSystems.Contains(pair.Key, StringComparer.OrdinalIgnoreCase)).Select(pair => pair.Value)]),
            clock.GetUtcNow());
}
