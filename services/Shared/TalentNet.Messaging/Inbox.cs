using Dapper;
using MassTransit;
using Microsoft.Extensions.Logging;
using TalentNet.Storage;

namespace TalentNet.Messaging;

/// <summary>
/// The transaction a consumer works in, opened by the inbox filter. Consumers write through
/// <see cref="Current"/> and raise events with <see cref="Outbox"/> on the same session, so the
/// inbox row, their effects and their outgoing events commit together.
/// </summary>
public sealed class ConsumeSession
{
    private DbSession? _current;

    public DbSession Current => _current
        ?? throw new InvalidOperationException("No inbox transaction is open: consumers run behind the inbox filter.");

    internal void Begin(DbSession session) => _current = session;

    internal void End() => _current = null;
}

/// <summary>
/// Records (message id, consumer) in the consumer's transaction and skips messages already
/// processed, which makes every consumer idempotent against redelivery and relay re-sends.
/// </summary>
public sealed partial class InboxFilter<T>(Database database, ConsumeSession consumeSession, TimeProvider clock, ILogger<InboxFilter<T>> logger)
    : IFilter<ConsumeContext<T>>
    where T : class
{
    internal static string RecordSql(SqlDialect dialect) =>
        dialect.InsertIfAbsent(
            "inbox_messages",
            "message_id, consumer, message_type, processed_at",
            "@MessageId, @Consumer, @MessageType, @Now",
            "message_id = @MessageId AND consumer = @Consumer");

    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"A {typeof(T).Name} arrived without a message id; it cannot be de-duplicated.");
        var consumer = ConsumerName(context.ReceiveContext.InputAddress);

        await using var session = await database.BeginAsync(context.CancellationToken);
        var recorded = await session.Connection.ExecuteAsync(
            RecordSql(session.Dialect),
            new { MessageId = messageId, Consumer = consumer, MessageType = typeof(T).Name, Now = clock.GetUtcNow() },
            session.Transaction);
        if (recorded == 0)
        {
            LogDuplicate(typeof(T).Name, messageId, consumer);
            return;
        }

        consumeSession.Begin(session);
        try
        {
            await next.Send(context);
            await session.CommitAsync(context.CancellationToken);
        }
        finally
        {
            consumeSession.End();
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("inbox");

    /// <summary>The queue name (last path segment of the input address, after any virtual host).</summary>
    internal static string ConsumerName(Uri? inputAddress) =>
        inputAddress?.AbsolutePath.TrimEnd('/').Split('/').LastOrDefault() is { Length: > 0 } queue ? queue : "unknown";

    [LoggerMessage(Level = LogLevel.Information, Message = "Skipped {MessageType} {MessageId}: {Consumer} already processed it")]
    private partial void LogDuplicate(string messageType, Guid messageId, string consumer);
}
