using Dapper;
using MassTransit;
using TalentNet.Contracts;
using TalentNet.Contracts.Alumni;
using TalentNet.Messaging;

namespace TalentNet.Recommendations.Features.Requests;

/// <summary>
/// An alumnus's consents changed: the read model follows (matches, mails), unless a newer change is
/// there already (events of different kinds may arrive out of order), and a withdrawn request consent
/// or an opt-out cancels the open requests with their reminders at once: no manager is asked again.
/// </summary>
public sealed class AlumnusConsentChangedConsumer(ConsumeSession session, TimeProvider clock) : IConsumer<AlumnusConsentChanged>
{
    internal const string ConsentSql =
        """
        UPDATE alumni_read SET consent_rehire = @Rehire, consent_recommendation = @Recommendation, consent_alumni_network = @AlumniNetwork,
            status = @Status, consent_changed_at = @OccurredAt, updated_at = @Now
        WHERE alumnus_id = @AlumnusId AND (consent_changed_at IS NULL OR consent_changed_at < @OccurredAt)
        """;

    internal const string KnownSql = "SELECT COUNT(*) FROM alumni_read WHERE alumnus_id = @AlumnusId";

    internal const string ForgetEarlySql = "DELETE FROM early_consent_changes WHERE alumnus_id = @AlumnusId AND occurred_at < @OccurredAt";

    internal const string KeepEarlySql =
        """
        INSERT INTO early_consent_changes (alumnus_id, consent_rehire, consent_recommendation, consent_alumni_network, status, occurred_at)
        SELECT @AlumnusId, @Rehire, @Recommendation, @AlumniNetwork, @Status, @OccurredAt
        WHERE NOT EXISTS (SELECT 1 FROM early_consent_changes WHERE alumnus_id = @AlumnusId)
        """;


    public async Task Consume(ConsumeContext<AlumnusConsentChanged> context)
    {
        var db = session.Current;
        var change = context.Message;
        var now = clock.GetUtcNow();
        var parameters = new
        {
            change.AlumnusId, Rehire = change.Consents.RehireOutreach ? 1 : 0, Recommendation = change.Consents.RecommendationRequest ? 1 : 0,
            AlumniNetwork = change.Consents.AlumniNetwork ? 1 : 0, Status = change.Status.ToWire(), change.OccurredAt, Now = now,
        };
        var applied = await db.Connection.ExecuteAsync(ConsentSql, parameters, db.Transaction);
        if (applied == 0 && await db.Connection.ExecuteScalarAsync<long>(KnownSql, parameters, db.Transaction) == 0)
        {
            // Ahead of the departure: kept (the newest only) for the departure to take.
            await db.Connection.ExecuteAsync(ForgetEarlySql, parameters, db.Transaction);
            await db.Connection.ExecuteAsync(KeepEarlySql, parameters, db.Transaction);
            return;
        }

        if (applied == 0 || (change.Consents.RecommendationRequest && change.Status != AlumnusStatus.OptedOut))
        {
            return;
        }

        await RecommendationRequest.CancelOpenAsync(db, change.AlumnusId, now);
    }
}
