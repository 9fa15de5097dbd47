using System.Text.Json;
using Dapper;
using TalentNet.Contracts.Privacy;
using TalentNet.Storage;

namespace TalentNet.Messaging;

/// <summary>What one service erased for a request: how many records, and the ids its published events named the person by.</summary>
public sealed record ErasedRecords(int Count, IReadOnlyList<Guid> Ids);

/// <summary>
/// Erasure as every service runs it, in the consumer's transaction: the service's own records, then
/// the stored copies of events that named the person (published outbox rows and dead letters), then the
/// report. A service that takes people in from outside puts the addresses on its <see cref="SuppressionList"/>.
/// After the commit the write-ahead log is emptied, so no old page image keeps the bytes.
/// </summary>
public static class PersonalDataErasure
{
    internal const string DropPublishedSql = "DELETE FROM outbox_messages WHERE processed_at IS NOT NULL AND payload LIKE @Pattern ESCAPE '\\'";

    /// <summary>Rows not yet published go out (consumers need them before the erasure's own event); the relay's next clean-up deletes them.</summary>
    internal const string MarkPendingSql = "UPDATE outbox_messages SET erase_when_published = 1 WHERE processed_at IS NULL AND payload LIKE @Pattern ESCAPE '\\'";

    internal const string DropDeadLettersSql = "DELETE FROM outbox_dead_letters WHERE payload LIKE @Pattern ESCAPE '\\'";

    public static async Task EraseAsync(
        ConsumeSession consumeSession, Outbox outbox, Database database, TimeProvider clock, string service,
        PersonalDataErasureRequested request, Func<DbSession, Task<ErasedRecords>> eraseOwnRecords, SuppressionList? suppression = null)
    {
        ArgumentNullException.ThrowIfNull(consumeSession);
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(eraseOwnRecords);
        var session = consumeSession.Current;
        var erased = await eraseOwnRecords(session);
        var named = request.Emails.Concat(request.EmployeeIds).Concat(erased.Ids.Select(id => id.ToString()));
        var dropped = await DropStoredEventsAsync(session, named);
        var now = clock.GetUtcNow();
        if (suppression is not null)
        {
            await suppression.AddAsync(session, request.Emails, now);
        }

        await outbox.EnqueueAsync(session, new PersonalDataErased(TimeOrderedId.New(now), now, request.RequestId, service, erased.Count + dropped));
        session.AfterCommit(database.TruncateWriteAheadLogInBackground);
    }

    /// <summary>
    /// Deletes the published events and dead letters whose payload holds any of the values (as written or
    /// JSON-escaped), and marks the ones not yet published to be deleted once they are. Answers how many went.
    /// </summary>
    public static async Task<int> DropStoredEventsAsync(DbSession session, IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(session);
        var dropped = 0;
        foreach (var pattern in Patterns(values))
        {
            foreach (var sql in new[] { DropPublishedSql, DropDeadLettersSql })
            {
                dropped += await session.Connection.ExecuteAsync(sql, new { Pattern = pattern }, session.Transaction);
            }

            await session.Connection.ExecuteAsync(MarkPendingSql, new { Pattern = pattern }, session.Transaction);
        }

        return dropped;
    }

    /// <summary>LIKE patterns (escape character <c>\</c>) that find any of the values in stored JSON, as written or JSON-escaped.</summary>
    public static IEnumerable<string> Patterns(IEnumerable<string> values) =>
        values.Where(value => value.Length > 0).SelectMany(Spellings).Distinct(StringComparer.Ordinal).Select(Contains);

    private static IEnumerable<string> Spellings(string value) => [value, JsonSerializer.Serialize(value, Outbox.PayloadJson)[1..^1]];

    private static string Contains(string value) =>
        "%" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
