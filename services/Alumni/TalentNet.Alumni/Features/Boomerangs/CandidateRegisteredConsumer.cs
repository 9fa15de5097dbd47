using Dapper;
using MassTransit;
using TalentNet.Alumni.Features.Alumni;
using TalentNet.Contracts.Alumni;
using TalentNet.Contracts.Candidates;
using TalentNet.Messaging;

namespace TalentNet.Alumni.Features.Boomerangs;

/// <summary>Boomerang detection at apply time: a new candidate whose email is an alumnus's.</summary>
public sealed class CandidateRegisteredConsumer(ConsumeSession session, Outbox outbox, TimeProvider clock) : IConsumer<CandidateRegistered>
{
    internal const string LinkSql = "UPDATE alumni SET candidate_id = @CandidateId, updated_at = @Now, version = version + 1 WHERE id = @Id";

    public async Task Consume(ConsumeContext<CandidateRegistered> context)
    {
        var db = session.Current;
        var candidate = context.Message;
        var alumnus = await Alumnus.FindByEmailAsync(db.Connection, candidate.Email, db.Transaction);
        if (alumnus is null)
        {
            return;
        }

        var now = clock.GetUtcNow();
        await db.Connection.ExecuteAsync(LinkSql, new { alumnus.Id, candidate.CandidateId, Now = now }, db.Transaction);
        await Alumnus.RecordAsync(db, alumnus.Id, "registered-as-candidate", $"Registered as candidate {candidate.CandidateId}.", now);
        await outbox.EnqueueAsync(db, new AlumnusApplied(Guid.CreateVersion7(now), now, alumnus.Id, candidate.CandidateId, alumnus.RehireEligibility));
    }
}
