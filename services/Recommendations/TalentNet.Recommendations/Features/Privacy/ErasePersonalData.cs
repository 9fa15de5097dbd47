using Dapper;
using MassTransit;
using TalentNet.Contracts.Privacy;
using TalentNet.Messaging;
using TalentNet.Recommendations.Features.Requests;
using TalentNet.Storage;

namespace TalentNet.Recommendations.Features.Privacy;

/// <summary>
/// Erasure: the leaver as this service knows them loses name, addresses and profile; the managers'
/// words about them (text, strengths, published link, decline reason) are deleted, while each request's
/// status and dates stay for coverage; an open request is cancelled; mails to the addresses or about the
/// leaver are deleted.
/// </summary>
public sealed class ErasePersonalData(ConsumeSession session, Outbox outbox, Database database, TimeProvider clock) : IConsumer<PersonalDataErasureRequested>
{
    internal const string LeaverIdsSql = "SELECT alumnus_id FROM alumni_read WHERE personal_email = @Email OR work_email = @Email";

    internal const string AnonymizeSql = "UPDATE alumni_read SET full_name = '', personal_email = NULL, work_email = '', linkedin_url = NULL, updated_at = @Now WHERE alumnus_id = @Id";

    internal const string DropWordsSql =
        "UPDATE recommendation_requests SET text = NULL, strengths = NULL, published_url = NULL, decline_reason = NULL, updated_at = @Now WHERE alumnus_id = @Id";

    internal const string DropMailsSql =
        """
        DELETE FROM mail_outbox
        WHERE subject_id = @Id OR subject_id IN (SELECT id FROM recommendation_requests WHERE alumnus_id = @Id)
        """;

    internal const string DropMailsToSql = "DELETE FROM mail_outbox WHERE recipient = @Email";

    public Task Consume(ConsumeContext<PersonalDataErasureRequested> context) =>
        PersonalDataErasure.EraseAsync(session, outbox, database, clock, RecommendationsApi.ServiceName, context.Message, async db =>
        {
            var ids = new List<Guid>();
            var changed = 0;
            foreach (var email in context.Message.Emails)
            {
                ids.AddRange(await db.Connection.QueryAsync<Guid>(LeaverIdsSql, new { Email = email }, db.Transaction));
                changed += await db.Connection.ExecuteAsync(DropMailsToSql, new { Email = email }, db.Transaction);
            }

            ids = [.. ids.Distinct()];
            foreach (var id in ids)
            {
                // No manager is asked again about someone who is gone: open requests are cancelled (and counted so).
                await RecommendationRequest.CancelOpenAsync(db, id, clock.GetUtcNow());
                foreach (var sql in new[] { AnonymizeSql, DropWordsSql, DropMailsSql })
                {
                    changed += await db.Connection.ExecuteAsync(sql, new { Id = id, Now = clock.GetUtcNow() }, db.Transaction);
                }
            }

            return new ErasedRecords(changed, ids);
        });
}
