using Dapper;
using TalentNet.Audit.Retention;
using TalentNet.Contracts.Candidates;
using TalentNet.Messaging;
using TalentNet.Storage;

namespace TalentNet.Candidates.Features.Privacy;

/// <summary>
/// A candidate never hired is anonymized <c>Candidates:RetainWithoutHire</c> (24 months) after their
/// last activity: the last change to their record or to any of their applications. The applications
/// stay, for the funnel's counts, as for an erasure. <see cref="CandidateAnonymized"/> tells the services
/// that derived something from the candidate (Alumni's hashed identifiers) to drop it.
/// </summary>
public sealed class CandidatesWithoutHireRule(Database database, Outbox outbox, CandidatesOptions options) : IRetentionRule
{
    public const string RuleName = "candidates-without-hire";

    internal const string DueSql =
        """
        SELECT c.id FROM candidates c
        WHERE c.merged_into IS NULL AND c.erased_at IS NULL AND c.updated_at < @Before
          AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.candidate_id = c.id AND (a.hired_at IS NOT NULL OR a.updated_at >= @Before))
        """;

    public string Name => RuleName;

    public string What => "Candidates never hired, anonymized, counted from their last activity";

    public TimeSpan KeptFor => options.RetainWithoutHire;

    public async Task<int> ApplyAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var session = await database.BeginAsync(cancellationToken);
        var due = (await session.Connection.QueryAsync<Guid>(DueSql, new { Before = now - KeptFor }, session.Transaction)).ToList();
        foreach (var id in due)
        {
            await ErasePersonalData.AnonymizeAsync(session, id, now);
        }

        // The published events that named them (registration, identifiers) go too.
        await PersonalDataErasure.DropStoredEventsAsync(session, due.Select(id => id.ToString()));
        foreach (var id in due)
        {
            await outbox.EnqueueAsync(session, new CandidateAnonymized(TimeOrderedId.New(now), now, id));
        }

        await session.CommitAsync(cancellationToken);
        if (due.Count > 0)
        {
            database.TruncateWriteAheadLogInBackground();
        }

        return due.Count;
    }
}
