using MassTransit;
using TalentNet.Candidates.Features.Candidates;
using TalentNet.Contracts;
using TalentNet.Contracts.Alumni;
using TalentNet.Messaging;

namespace TalentNet.Candidates.Features.Applications;

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
