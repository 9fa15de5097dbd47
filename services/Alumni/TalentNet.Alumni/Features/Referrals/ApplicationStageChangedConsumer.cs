using Dapper;
using MassTransit;
using TalentNet.Contracts;
using TalentNet.Contracts.Candidates;
using TalentNet.Messaging;

namespace TalentNet.Alumni.Features.Referrals;

/// <summary>How far a referred candidate has come, until the hire.</summary>
public sealed class ApplicationStageChangedConsumer(ConsumeSession session, TimeProvider clock) : IConsumer<ApplicationStageChanged>
{
    internal const string ReferralStageSql =
        "UPDATE referrals SET stage_reached = @Stage, updated_at = @Now WHERE application_id = @ApplicationId AND status <> @Hired";

    public async Task Consume(ConsumeContext<ApplicationStageChanged> context)
    {
        var db = session.Current;
        var change = context.Message;
        await db.Connection.ExecuteAsync(ReferralStageSql, new { change.ApplicationId, Stage = change.ToStage, Now = clock.GetUtcNow(), Hired = ReferralStatus.Hired.ToWire() }, db.Transaction);
    }
}
