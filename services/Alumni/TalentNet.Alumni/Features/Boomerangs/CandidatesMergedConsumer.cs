using Dapper;
using MassTransit;
using TalentNet.Contracts.Candidates;
using TalentNet.Messaging;

namespace TalentNet.Alumni.Features.Boomerangs;

/// <summary>
/// Two candidate records were one person: links and hires follow the survivor; the duplicate's
/// identifiers and matches are dropped (the survivor's <see cref="CandidateIdentifiersChanged"/> matches anew).
/// </summary>
public sealed class CandidatesMergedConsumer(ConsumeSession session, TimeProvider clock) : IConsumer<CandidatesMerged>
{
    internal const string RelinkSql = "UPDATE alumni SET candidate_id = @SurvivorId, updated_at = @Now, version = version + 1 WHERE candidate_id = @DuplicateId";

    internal const string HiresSql = "UPDATE hires SET candidate_id = @SurvivorId WHERE candidate_id = @DuplicateId";

    internal const string DropMatchesSql = "DELETE FROM boomerang_matches WHERE candidate_id = @DuplicateId";

    public async Task Consume(ConsumeContext<CandidatesMerged> context)
    {
        var db = session.Current;
        var parameters = new { context.Message.SurvivorId, context.Message.DuplicateId, Now = clock.GetUtcNow() };
        foreach (var sql in new[] { RelinkSql, HiresSql, DropMatchesSql })
        {
            await db.Connection.ExecuteAsync(sql, parameters, db.Transaction);
        }

        await BoomerangMatching.ForgetIdentifiersAsync(db, context.Message.DuplicateId);
    }
}
