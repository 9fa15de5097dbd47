using Dapper;
using MassTransit;
using TalentNet.Contracts;
using TalentNet.Contracts.Alumni;
using TalentNet.Messaging;

namespace TalentNet.Recommendations.Features.Matches;

/// <summary>A withdrawn (or given) rehire consent takes the alumnus out of (or into) the matches.</summary>
public sealed class AlumnusConsentChangedConsumer(ConsumeSession session, TimeProvider clock) : IConsumer<AlumnusConsentChanged>
{
    internal const string ConsentSql =
        """
        UPDATE alumni_read SET consent_rehire = @Rehire, consent_recommendation = @Recommendation, consent_alumni_network = @AlumniNetwork,
            status = @Status, updated_at = @Now
        WHERE alumnus_id = @AlumnusId
        """;

    public Task Consume(ConsumeContext<AlumnusConsentChanged> context)
    {
        var db = session.Current;
        var change = context.Message;
        return db.Connection.ExecuteAsync(ConsentSql, new
        {
            change.AlumnusId, Rehire = change.Consents.RehireOutreach ? 1 : 0, Recommendation = change.Consents.RecommendationRequest ? 1 : 0,
            AlumniNetwork = change.Consents.AlumniNetwork ? 1 : 0,
            Status = change.Status.ToWire(), Now = clock.GetUtcNow(),
        }, db.Transaction);
    }
}
