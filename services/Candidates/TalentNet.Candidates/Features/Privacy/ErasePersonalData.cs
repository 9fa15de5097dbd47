using Dapper;
using MassTransit;
using TalentNet.Contracts.Privacy;
using TalentNet.Messaging;
using TalentNet.Storage;

namespace TalentNet.Candidates.Features.Privacy;

/// <summary>
/// Erasure: every candidate with one of the addresses, or known by one of the employee ids in an HRIS
/// system, loses what identifies them (name, addresses,
/// phone, profiles, tags, ATS ids); their applications and stage history stay for the funnel's counts,
/// tied to a record that names no one. An address given as a referrer's is dropped from applications.
/// </summary>
public sealed class ErasePersonalData(ConsumeSession session, Outbox outbox, Database database, SuppressionList suppression, TimeProvider clock) : IConsumer<PersonalDataErasureRequested>
{
    internal const string CandidateIdsSql = "SELECT candidate_id FROM candidate_emails WHERE email = @Email";

    internal const string CandidateByEmployeeIdSql = "SELECT candidate_id FROM candidate_external_ids WHERE system = @System AND external_id = @EmployeeId";

    internal const string AnonymizeSql =
        """
        UPDATE candidates SET full_name = '', email = '', additional_emails = '[]', phone = NULL, profiles = '{}', tags = '[]', external_ids = '{}',
            former_matched_on = NULL, erased_at = @Now, updated_at = @Now, version = version + 1
        WHERE id = @Id
        """;

    internal const string DropEmailsSql = "DELETE FROM candidate_emails WHERE candidate_id = @Id";

    internal const string DropTagsSql = "DELETE FROM candidate_tags WHERE candidate_id = @Id";

    internal const string DropExternalIdsSql = "DELETE FROM candidate_external_ids WHERE candidate_id = @Id";

    internal const string DropReferrerSql = "UPDATE applications SET referrer_email = NULL WHERE referrer_email = @Email";

    /// <summary>The candidate keeps only what the funnel counts; says how many rows changed.</summary>
    public static async Task<int> AnonymizeAsync(DbSession db, Guid id, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        var changed = 0;
        foreach (var sql in new[] { AnonymizeSql, DropEmailsSql, DropTagsSql, DropExternalIdsSql })
        {
            changed += await db.Connection.ExecuteAsync(sql, new { Id = id, Now = now }, db.Transaction);
        }

        return changed;
    }

    public Task Consume(ConsumeContext<PersonalDataErasureRequested> context) =>
        PersonalDataErasure.EraseAsync(session, outbox, database, clock, CandidatesApi.ServiceName, context.Message, async db =>
        {
            var ids = new List<Guid>();
            var changed = 0;
            foreach (var email in context.Message.Emails)
            {
                ids.AddRange(await db.Connection.QueryAsync<Guid>(CandidateIdsSql, new { Email = email }, db.Transaction));
                changed += await db.Connection.ExecuteAsync(DropReferrerSql, new { Email = email }, db.Transaction);
            }

            foreach (var system in context.Message.EmployeeIdSystems ?? [])
            {
                foreach (var employeeId in context.Message.EmployeeIds)
                {
                    ids.AddRange(await db.Connection.QueryAsync<Guid>(CandidateByEmployeeIdSql, new { System = system, EmployeeId = employeeId }, db.Transaction));
                }
            }

            foreach (var id in ids.Distinct())
            {
                changed += await AnonymizeAsync(db, id, clock.GetUtcNow());
            }

            return new ErasedRecords(changed, ids);
        }, suppression);
}
