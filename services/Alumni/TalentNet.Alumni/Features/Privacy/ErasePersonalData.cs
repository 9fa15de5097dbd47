using System.Text.Json;
using Dapper;
using MassTransit;
using TalentNet.Alumni.Features.Boomerangs;
using TalentNet.Alumni.Features.Departures;
using TalentNet.Contracts.Privacy;
using TalentNet.Messaging;
using TalentNet.Storage;

namespace TalentNet.Alumni.Features.Privacy;

/// <summary>
/// Erasure: each alumnus with one of the addresses or employee ids loses what identifies them (name,
/// addresses, employee id, LinkedIn, HR's note), the departures as recorded lose the same and the
/// exit-interview notes, the timeline's words go, links are deleted. Department, role, dates, reason,
/// status and the return stay, so the statistics keep counting a boomerang as a boomerang. Referrals
/// that named the address lose the referred person; candidates known by its hash are forgotten.
/// </summary>
public sealed class ErasePersonalData(ConsumeSession session, Outbox outbox, Database database, SuppressionList suppression, TimeProvider clock) : IConsumer<PersonalDataErasureRequested>
{
    internal const string AlumnusIdsSql = "SELECT id FROM alumni WHERE personal_email = @Value OR work_email = @Value OR employee_id = @Value";

    // Employee id and work address are unique and required: a placeholder of the record's own id takes their place.
    internal const string AnonymizeSql =
        """
        UPDATE alumni SET full_name = '', employee_id = @Placeholder, work_email = @Placeholder, personal_email = NULL, linkedin_url = NULL,
            linkedin_key = NULL, eligibility_note = NULL, erased_at = @Now, updated_at = @Now, version = version + 1
        WHERE id = @Id
        """;

    internal const string DeparturesSql = "SELECT id AS Id, body AS Body FROM departures WHERE alumnus_id = @Id";

    internal const string ForgetDepartureSql = "UPDATE departures SET employee_id = @Placeholder, body = @Body WHERE id = @DepartureId";

    internal const string DropTimelineWordsSql = "UPDATE timeline SET detail = '' WHERE alumnus_id = @Id";

    internal const string DropLinksSql = "DELETE FROM alumni_links WHERE alumnus_id = @Id";

    internal const string ForgetReferredSql =
        "UPDATE referrals SET candidate_name = '', candidate_email = '', profile_url = NULL, note = NULL, updated_at = @Now WHERE candidate_email = @Email";

    internal const string ForgetCandidatesSql =
        "DELETE FROM candidate_identifiers WHERE candidate_id IN (SELECT candidate_id FROM candidate_identifiers WHERE identifier = @Hash)";

    private sealed class DepartureBody
    {
        public Guid Id { get; init; }
        public string Body { get; init; } = "";
    }

    public Task Consume(ConsumeContext<PersonalDataErasureRequested> context) =>
        PersonalDataErasure.EraseAsync(session, outbox, database, clock, AlumniApi.ServiceName, context.Message, async db =>
        {
            var (emails, employeeIds) = (context.Message.Emails, context.Message.EmployeeIds);
            var now = clock.GetUtcNow();
            var ids = new List<Guid>();
            foreach (var value in emails.Concat(employeeIds))
            {
                ids.AddRange(await db.Connection.QueryAsync<Guid>(AlumnusIdsSql, new { Value = value }, db.Transaction));
            }

            ids = [.. ids.Distinct()];
            var changed = 0;
            foreach (var id in ids)
            {
                var placeholder = $"erased:{id:N}";
                changed += await db.Connection.ExecuteAsync(AnonymizeSql, new { Id = id, Placeholder = placeholder, Now = now }, db.Transaction);
                foreach (var departure in await db.Connection.QueryAsync<DepartureBody>(DeparturesSql, new { Id = id }, db.Transaction))
                {
                    var body = JsonSerializer.Serialize(Forget(JsonSerializer.Deserialize<RecordDeparture.Request>(departure.Body, RecordDeparture.Json)!), RecordDeparture.Json);
                    changed += await db.Connection.ExecuteAsync(ForgetDepartureSql, new { DepartureId = departure.Id, Placeholder = placeholder, Body = body }, db.Transaction);
                }

                changed += await db.Connection.ExecuteAsync(DropTimelineWordsSql, new { Id = id }, db.Transaction);
                changed += await db.Connection.ExecuteAsync(DropLinksSql, new { Id = id }, db.Transaction);
            }

            foreach (var email in emails)
            {
                changed += await db.Connection.ExecuteAsync(ForgetReferredSql, new { Email = email, Now = now }, db.Transaction);
            }

            foreach (var hash in BoomerangMatching.IdentifierHashes(emails, employeeIds))
            {
                changed += await db.Connection.ExecuteAsync(ForgetCandidatesSql, new { Hash = hash }, db.Transaction);
            }
            return new ErasedRecords(changed, ids);
        }, suppression);

    private static RecordDeparture.Request Forget(RecordDeparture.Request recorded) => recorded with
    {
        EmployeeId = null, FullName = null, WorkEmail = null, PersonalEmail = null, LinkedInUrl = null,
        ExitInterview = recorded.ExitInterview is { } interview ? interview with { Notes = null, Sentiment = null } : null,
    };
}
