using Dapper;
using MassTransit;
using TalentNet.Candidates.Features.Applications;
using TalentNet.Candidates.Features.Candidates;
using TalentNet.Contracts;
using TalentNet.Contracts.Alumni;
using TalentNet.Contracts.Recommendations;
using TalentNet.Messaging;

namespace TalentNet.Candidates.Features.Alumni;

/// <summary>Alumni recognised the candidate as a former employee: show it on candidate and application reads.</summary>
public sealed class AlumnusAppliedConsumer(ConsumeSession session, TimeProvider clock) : IConsumer<AlumnusApplied>
{
    internal const string FlagSql =
        """
        UPDATE candidates SET former_alumnus_id = @AlumnusId, rehire_eligibility = @RehireEligibility, updated_at = @Now, version = version + 1
        WHERE id = @CandidateId
        """;

    public async Task Consume(ConsumeContext<AlumnusApplied> context)
    {
        var db = session.Current;
        var message = context.Message;
        await db.Connection.ExecuteAsync(FlagSql,
            new { message.AlumnusId, RehireEligibility = message.RehireEligibility.ToWire(), message.CandidateId, Now = clock.GetUtcNow() }, db.Transaction);
    }
}

/// <summary>
/// An alumnus referred someone: the candidate is created or reused by email and, when a job is
/// named and open, gets an application with channel <c>alumni-referral</c>; otherwise a
/// <c>referred</c> tag.
/// </summary>
public sealed class AlumnusReferredCandidateConsumer(ConsumeSession session, Outbox outbox, TimeProvider clock) : IConsumer<AlumnusReferredCandidate>
{
    public const string ReferredTag = "referred";

    public async Task Consume(ConsumeContext<AlumnusReferredCandidate> context)
    {
        var db = session.Current;
        var referral = context.Message;
        var now = clock.GetUtcNow();
        var profiles = referral.ProfileUrl is { } url
            ? new Dictionary<string, string> { [url.Contains("linkedin.com", StringComparison.OrdinalIgnoreCase) ? "linkedin" : "website"] = url }
            : null;
        var candidate = await Candidate.FindOrRegisterAsync(db, outbox,
            new CandidateFields(referral.CandidateName, referral.CandidateEmail, null, profiles, [ReferredTag], null), now);
        if (referral.JobId is { } jobId)
        {
            var source = new Source(Channel.AlumniReferral, null, null, null, new Referrer(ReferrerKind.Alumnus, referral.AlumnusId.ToString(), referral.AlumnusEmail));
            var outcome = await Application.OpenAsync(db, outbox, candidate.Id, jobId, source, $"alumnus:{referral.AlumnusId}", now);
            if (outcome is Opening.Opened or Opening.AlreadyOpen)
            {
                return;
            }
        }

        if (!candidate.Tags.Contains(ReferredTag))
        {
            await Candidate.AddTagAsync(db, candidate, ReferredTag, now);
        }
    }
}

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
