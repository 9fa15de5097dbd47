using System.Text.Json.Serialization;
using Dapper;
using TalentNet.Contracts;
using TalentNet.Storage;

namespace TalentNet.Recommendations.Features.Notifications;

/// <summary>What a mail is about.</summary>
[JsonConverter(typeof(WireEnumConverter<MailKind>))]
public enum MailKind
{
    /// <summary>To the manager: a leaver asks for a recommendation.</summary>
    RequestCreated,

    /// <summary>To the manager: a reminder before, on or after the due date.</summary>
    Reminder,

    /// <summary>To the manager: the request expired unanswered.</summary>
    Expired,

    /// <summary>To HR: the week's overdue requests.</summary>
    OverdueDigest,

    /// <summary>To a leaver who joined the alumni network: welcome, with their personal link to the alumni page.</summary>
    AlumniWelcome,

    /// <summary>To an alumnus who asked for one: a new personal link to the alumni page.</summary>
    AlumniLink,
}

[JsonConverter(typeof(WireEnumConverter<MailStatus>))]
public enum MailStatus
{
    Pending,
    Sent,

    /// <summary>Not sent, on purpose: consent withdrawn or the request no longer open when it was due.</summary>
    Skipped,

    /// <summary>Every attempt failed; HR sees it in the list of notifications.</summary>
    Dead,
}

/// <summary>
/// Mail to send, written in the same transaction as the change it tells of. The key says what the
/// mail is about (kind, request, reminder): the same key again adds nothing, so a change replayed
/// by the broker never mails twice. The content is composed when it is sent, consent checked then.
/// </summary>
public static class MailOutbox
{
    internal const string EnqueueSql =
        """
        INSERT INTO mail_outbox (id, mail_key, kind, subject_id, recipient, language, status, attempts, next_attempt_at, created_at, details)
        SELECT @Id, @Key, @Kind, @SubjectId, @Recipient, @Language, @Pending, 0, @Now, @Now, @Details
        WHERE NOT EXISTS (SELECT 1 FROM mail_outbox WHERE mail_key = @Key)
        """;

    internal const string LanguageSql = "SELECT language FROM alumni_read WHERE alumnus_id = @AlumnusId";

    /// <summary>Queues a mail; <paramref name="details"/> is what composing it needs that no table holds (kept until it is sent or skipped).</summary>
    public static Task EnqueueAsync(
        DbSession session, MailKind kind, string key, Guid? subjectId, string recipient, Language language, DateTimeOffset now, string? details = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.Connection.ExecuteAsync(EnqueueSql, new
        {
            Id = TimeOrderedId.New(now), Key = key, Kind = kind.ToWire(), SubjectId = subjectId, Recipient = recipient.ToLowerInvariant(),
            Language = language.ToWire(), Pending = MailStatus.Pending.ToWire(), Now = now, Details = details,
        }, session.Transaction);
    }

    /// <summary>A mail to the manager about a request, in the leaver's language.</summary>
    public static async Task EnqueueForRequestAsync(
        DbSession session, NotificationOptions options, MailKind kind, string key, Guid requestId, Guid alumnusId, string managerEmail, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(options);
        var stored = await session.Connection.ExecuteScalarAsync<string?>(LanguageSql, new { AlumnusId = alumnusId }, session.Transaction);
        var language = stored is not null && Wire<Language>.TryParse(stored, out var chosen) ? chosen : options.DefaultLanguage;
        await EnqueueAsync(session, kind, key, requestId, managerEmail, language, now);
    }
}
