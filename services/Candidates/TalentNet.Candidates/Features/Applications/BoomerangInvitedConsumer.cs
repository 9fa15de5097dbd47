using MassTransit;
using TalentNet.Candidates.Features.Candidates;
using TalentNet.Contracts;
using TalentNet.Contracts.Recommendations;
using TalentNet.Messaging;

namespace TalentNet.Candidates.Features.Applications;

/// <summary>A recruiter invited an alumnus back: open a <c>boomerang</c> application for them.</summary>
public sealed class BoomerangInvitedConsumer(ConsumeSession session, Outbox outbox, TimeProvider clock) : IConsumer<BoomerangInvited>
{
    public async Task Consume(ConsumeContext<BoomerangInvited> context)
    {
        var db = session.Current;
        var invitation = context.Message;
        var now = clock.GetUtcNow();
        var profiles = invitation.LinkedInUrl is { } linkedIn ? new Dictionary<string, string> { ["linkedin"] = linkedIn } : null;
        var candidate = await Candidate.FindOrRegisterAsync(db, outbox,
            new CandidateFields(invitation.FullName, invitation.Email, null, profiles, null, null), now);
        var source = new Source(Channel.Boomerang, null, null, invitation.InvitedBy, new Referrer(ReferrerKind.Alumnus, invitation.AlumnusId.ToString(), null));
        await Application.OpenAsync(db, outbox, candidate.Id, invitation.JobId, source, invitation.InvitedBy, now);
    }
}
