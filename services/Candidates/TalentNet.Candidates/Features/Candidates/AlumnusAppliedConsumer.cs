using Dapper;
using MassTransit;
using TalentNet.Contracts;
using TalentNet.Contracts.Alumni;
using TalentNet.Messaging;

namespace TalentNet.Candidates.Features.Candidates;

/// <summary>Alumni recognised the candidate as a former employee: show it on candidate and application reads.</summary>
public sealed class AlumnusAppliedConsumer(ConsumeSession session, TimeProvider clock) : IConsumer<AlumnusApplied>
{
    internal const string FlagSql =
        """
        UPDATE candidates SET former_alumnus_id = @AlumnusId, rehire_eligibility = @RehireEligibility, former_matched_on = @MatchedOn,
            updated_at = @Now, version = version + 1
        WHERE id = @CandidateId
        """;

    public async Task Consume(ConsumeContext<AlumnusApplied> context)
    {
        var db = session.Current;
        var message = context.Message;
        await db.Connection.ExecuteAsync(FlagSql,
            new
            {
                message.AlumnusId, RehireEligibility = message.RehireEligibility.ToWire(), message.CandidateId, Now = clock.GetUtcNow(),
                MatchedOn = FormerEmployee.Stored(message.MatchedOn),
            }, db.Transaction);
    }
}
