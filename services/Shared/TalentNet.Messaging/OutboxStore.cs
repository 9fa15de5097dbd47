using System.Data;
using Dapper;
using TalentNet.Storage;

namespace TalentNet.Messaging;

/// <summary>A claimed outbox row.</summary>
internal sealed class OutboxRow
{
    public long Sequence { get; init; }

    public Guid MessageId { get; init; }

    public string MessageType { get; init; } = "";

    public string Payload { get; init; } = "";

    public string? Headers { get; init; }

    public int Attempts { get; init; }
}

internal sealed class OutboxBacklog
{
    public long Pending { get; init; }

    public DateTimeOffset? OldestCreatedAt { get; init; }

    public long DeadLetters { get; init; }
}

/// <summary>
/// The relay's SQL. A claim takes the oldest pending rows, but never past a row that another relay
/// holds or that waits for a retry: that keeps one service's events in commit order across replicas.
/// </summary>
internal sealed class OutboxStore(Database database)
{
    // The claim looks only at the head of the queue: the first pending rows, as many as the batch plus
    // those this relay holds in flight. Every row it may take lies in that window, and so does every row
    // before them, so the barrier is exact there; scanning the whole backlog for it made each claim cost
    // as much as the backlog was long.
    private const string HeadRows =
        "sequence, lock_owner, lock_expires_at, next_attempt_at FROM outbox_messages WHERE processed_at IS NULL";

    // Rows after one that another relay holds, or that waits for its retry, stay where they are.
    private const string Barrier =
        """
        sequence < COALESCE((
            SELECT MIN(b.sequence) FROM head b
            WHERE (b.lock_owner IS NOT NULL AND b.lock_owner <> @Owner AND b.lock_expires_at > @Now)
               OR b.next_attempt_at > @Now), 9223372036854775807)
        """;

    // A relay keeps several batches in flight: the rows it holds itself are not claimed again
    // until their lease runs out.
    private const string NotHeldByThisRelay = "(lock_owner IS NULL OR lock_owner <> @Owner OR lock_expires_at <= @Now)";

    internal static string ClaimSql(SqlDialect dialect) =>
        dialect.Provider == DatabaseProvider.SqlServer ? SqlServerClaimStatement : SqliteClaimStatement;

    private static readonly string SqliteClaimStatement =
        $"""
        WITH head AS (SELECT {HeadRows} ORDER BY sequence LIMIT @Window)
        UPDATE outbox_messages SET lock_owner = @Owner, lock_expires_at = @LeaseUntil
        WHERE sequence IN (
            SELECT sequence FROM head
            WHERE {NotHeldByThisRelay} AND {Barrier}
            ORDER BY sequence LIMIT @BatchSize)
        RETURNING sequence AS Sequence, message_id AS MessageId, message_type AS MessageType,
                  payload AS Payload, headers AS Headers, attempts AS Attempts
        """;

    // sp_getapplock serialises claimers for the instant of the claim, so the barrier is read
    // consistently; UPDLOCK/READPAST/ROWLOCK keep the claim itself from blocking readers.
    private static readonly string SqlServerClaimStatement =
        $"""
        DECLARE @lockResult INT;
        EXEC @lockResult = sp_getapplock @Resource = N'talentnet-outbox-claim', @LockMode = N'Exclusive',
            @LockOwner = N'Transaction', @LockTimeout = 5000;
        WITH head AS (SELECT TOP (@Window) {HeadRows} ORDER BY sequence),
        batch AS (
            SELECT TOP (@BatchSize) sequence, message_id, message_type, payload, headers, attempts, lock_owner, lock_expires_at
            FROM outbox_messages WITH (UPDLOCK, READPAST, ROWLOCK)
            WHERE processed_at IS NULL AND {NotHeldByThisRelay} AND {Barrier}
              AND sequence <= (SELECT MAX(h.sequence) FROM head h)
            ORDER BY sequence)
        UPDATE batch SET lock_owner = @Owner, lock_expires_at = @LeaseUntil
        OUTPUT inserted.sequence AS Sequence, inserted.message_id AS MessageId, inserted.message_type AS MessageType,
               inserted.payload AS Payload, inserted.headers AS Headers, inserted.attempts AS Attempts;
        """;

    internal const string MarkProcessedSql =
        """
        UPDATE outbox_messages SET processed_at = @Now, lock_owner = NULL, lock_expires_at = NULL, last_error = NULL
        WHERE sequence IN @Sequences AND lock_owner = @Owner
        """;

    internal const string MarkFailedSql =
        """
        UPDATE outbox_messages
        SET attempts = attempts + 1, next_attempt_at = @NextAttempt, last_error = @Error, lock_owner = NULL, lock_expires_at = NULL
        WHERE sequence = @Sequence AND lock_owner = @Owner
        """;

    internal const string ReleaseSql =
        "UPDATE outbox_messages SET lock_owner = NULL, lock_expires_at = NULL WHERE sequence IN @Sequences AND lock_owner = @Owner";

    internal const string DeleteProcessedSql =
        "DELETE FROM outbox_messages WHERE processed_at IS NOT NULL AND processed_at < @Cutoff";

    internal const string DeleteInboxSql = "DELETE FROM inbox_messages WHERE processed_at < @Cutoff";

    /// <summary>Published rows an erasure named while they were pending (<see cref="PersonalDataErasure.MarkPendingSql"/>), whatever their age.</summary>
    internal const string DeleteErasedSql = "DELETE FROM outbox_messages WHERE erase_when_published = 1 AND processed_at IS NOT NULL";

    internal const string BacklogSql =
        """
        SELECT COUNT(*) AS Pending, MIN(created_at) AS OldestCreatedAt,
               (SELECT COUNT(*) FROM outbox_dead_letters) AS DeadLetters
        FROM outbox_messages WHERE processed_at IS NULL
        """;

    internal const string DeadLetterSql =
        """
        INSERT INTO outbox_dead_letters (sequence, message_id, message_type, payload, headers, created_at, attempts, dead_lettered_at, reason)
        SELECT sequence, message_id, message_type, payload, headers, created_at, attempts + 1, @Now, @Reason
        FROM outbox_messages WHERE sequence = @Sequence AND lock_owner = @Owner;
        DELETE FROM outbox_messages WHERE sequence = @Sequence AND lock_owner = @Owner;
        """;

    /// <summary>
    /// Claims the next batch; <paramref name="published"/> (rows this relay has had confirmed) are
    /// marked processed in the same transaction, which saves the relay a commit per batch.
    /// </summary>
    public async Task<IReadOnlyList<OutboxRow>> ClaimAsync(
        string owner,
        int batchSize,
        DateTimeOffset now,
        TimeSpan lease,
        CancellationToken cancellationToken,
        IReadOnlyCollection<long>? published = null,
        int heldInFlight = 0)
    {
        await using var session = await database.BeginAsync(cancellationToken);
        if (published is { Count: > 0 })
        {
            await session.Connection.ExecuteAsync(new CommandDefinition(
                MarkProcessedSql, new { Owner = owner, Sequences = published, Now = now }, session.Transaction, cancellationToken: cancellationToken));
        }

        var sql = ClaimSql(database.Dialect);
        var rows = await session.Connection.QueryAsync<OutboxRow>(new CommandDefinition(
            sql,
            new { Owner = owner, Now = now, LeaseUntil = now + lease, BatchSize = batchSize, Window = batchSize + heldInFlight },
            session.Transaction,
            cancellationToken: cancellationToken));
        await session.CommitAsync(cancellationToken);
        return rows.OrderBy(row => row.Sequence).ToList();
    }

    public Task MarkProcessedAsync(string owner, IReadOnlyCollection<long> sequences, DateTimeOffset now) =>
        ExecuteAsync(MarkProcessedSql, new { Owner = owner, Sequences = sequences, Now = now });

    public Task MarkFailedAsync(string owner, long sequence, DateTimeOffset nextAttempt, string error) =>
        ExecuteAsync(MarkFailedSql, new { Owner = owner, Sequence = sequence, NextAttempt = nextAttempt, Error = Truncated(error) });

    /// <summary>Moves a row that can never be published out of the way, in one transaction.</summary>
    public async Task DeadLetterAsync(string owner, long sequence, DateTimeOffset now, string reason)
    {
        await using var session = await database.BeginAsync(CancellationToken.None);
        await session.Connection.ExecuteAsync(
            DeadLetterSql, new { Owner = owner, Sequence = sequence, Now = now, Reason = Truncated(reason) }, session.Transaction);
        await session.CommitAsync(CancellationToken.None);
    }

    public Task ReleaseAsync(string owner, IReadOnlyCollection<long> sequences) =>
        sequences.Count == 0 ? Task.CompletedTask : ExecuteAsync(ReleaseSql, new { Owner = owner, Sequences = sequences });

    public async Task CleanupAsync(DateTimeOffset outboxCutoff, DateTimeOffset inboxCutoff)
    {
        await ExecuteAsync(DeleteProcessedSql, new { Cutoff = outboxCutoff });
        await ExecuteAsync(DeleteInboxSql, new { Cutoff = inboxCutoff });
        if (await ExecuteAsync(DeleteErasedSql, new { }) > 0)
        {
            database.TruncateWriteAheadLogInBackground();
        }
    }

    public async Task<OutboxBacklog> BacklogAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleAsync<OutboxBacklog>(
            new CommandDefinition(BacklogSql, cancellationToken: cancellationToken));
    }

    private static string Truncated(string text) => text.Length > 2000 ? text[..2000] : text;

    private async Task<int> ExecuteAsync(string sql, object parameters)
    {
        // Bookkeeping after a publish must not be abandoned half-way by a shutdown signal. It queues
        // with the service's other writers (and shares their commit) instead of colliding with them
        // on SQLite's file lock, whose busy handler backs off by sleeping.
        await using var session = await database.BeginAsync(CancellationToken.None);
        var affected = await session.Connection.ExecuteAsync(sql, parameters, session.Transaction, commandType: CommandType.Text);
        await session.CommitAsync(CancellationToken.None);
        return affected;
    }
}
