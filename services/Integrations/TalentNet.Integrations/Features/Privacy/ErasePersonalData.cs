using Dapper;
using MassTransit;
using TalentNet.Contracts.Privacy;
using TalentNet.Messaging;
using TalentNet.Storage;

namespace TalentNet.Integrations.Features.Privacy;

/// <summary>
/// Erasure: the raw ATS deliveries and the outbound webhook deliveries whose body names one of the
/// addresses are deleted (a delivery is a copy of what the ATS or an event said; nothing counts them).
/// </summary>
public sealed class ErasePersonalData(ConsumeSession session, Outbox outbox, Database database, SuppressionList suppression, TimeProvider clock) : IConsumer<PersonalDataErasureRequested>
{
    internal const string DropDeliveriesSql = "DELETE FROM webhook_deliveries WHERE body LIKE @Pattern ESCAPE '\\'";

    internal const string DropOutboundSql = "DELETE FROM webhook_outbound_deliveries WHERE payload LIKE @Pattern ESCAPE '\\'";

    public Task Consume(ConsumeContext<PersonalDataErasureRequested> context) =>
        PersonalDataErasure.EraseAsync(session, outbox, database, clock, IntegrationsApi.ServiceName, context.Message, async db =>
        {
            var changed = 0;
            foreach (var pattern in PersonalDataErasure.Patterns(context.Message.Emails))
            {
                foreach (var sql in new[] { DropDeliveriesSql, DropOutboundSql })
                {
                    changed += await db.Connection.ExecuteAsync(sql, new { Pattern = pattern }, db.Transaction);
                }
            }

            return new ErasedRecords(changed, []);
        }, suppression);
}
