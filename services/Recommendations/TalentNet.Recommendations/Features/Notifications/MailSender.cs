using System.Net.Sockets;
using Dapper;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MimeKit;
using TalentNet.Contracts;
using TalentNet.Storage;

namespace TalentNet.Recommendations.Features.Notifications;

/// <summary>
/// Sends the mail outbox over SMTP. A mail is leased (so replicas do not send it together), composed
/// from the data as it is now (consent re-checked: no consent, no mail), sent with a Message-ID made
/// from its id, and then recorded as sent. Only a crash between the server's acceptance and that
/// record repeats a mail, with the same Message-ID. A server that is down delays mail: retries back
/// off, and after the last attempt the mail is a dead letter HR sees (and can retry).
/// </summary>
public sealed partial class MailSender(Database database, NotificationOptions options, TimeProvider clock, ILogger<MailSender> logger)
    : BackgroundService
{
    internal static string NextDueSql(SqlDialect dialect) =>
        $"""
        SELECT {(dialect.Provider == DatabaseProvider.SqlServer ? "TOP (1) " : "")}id AS Id, kind AS Kind, subject_id AS SubjectId, recipient AS Recipient,
               language AS Language, attempts AS Attempts, details AS Details
        FROM mail_outbox
        WHERE status = @Pending AND next_attempt_at <= @Now AND (lease_until IS NULL OR lease_until <= @Now)
        ORDER BY next_attempt_at, id{(dialect.Provider == DatabaseProvider.SqlServer ? "" : " LIMIT 1")}
        """;

    internal const string LeaseSql =
        "UPDATE mail_outbox SET lease_until = @Until WHERE id = @Id AND status = @Pending AND (lease_until IS NULL OR lease_until <= @Now)";

    internal const string DoneSql =
        "UPDATE mail_outbox SET status = @Status, attempts = attempts + 1, sent_at = @SentAt, lease_until = NULL, details = NULL WHERE id = @Id";

    internal const string FailedSql =
        """
        UPDATE mail_outbox SET status = @Status, attempts = attempts + 1, next_attempt_at = @NextAttemptAt, last_error = @Error, lease_until = NULL
        WHERE id = @Id
        """;

    internal const string RequestSql =
        """
        SELECT r.status AS Status, r.manager_email AS ManagerEmail, r.department AS Department, r.last_day AS LastDay, r.due_on AS DueOn,
               COALESCE(a.full_name, '') AS AlumnusName, COALESCE(a.role, '') AS Role, a.manager_name AS ManagerName, a.manager_email AS AlumnusManagerEmail,
               COALESCE(a.consent_recommendation, 0) AS Consented, COALESCE(a.status, '') AS AlumnusStatus
        FROM recommendation_requests r LEFT JOIN alumni_read a ON a.alumnus_id = r.alumnus_id
        WHERE r.id = @Id
        """;

    internal const string AlumnusSql =
        "SELECT status AS Status, consent_alumni_network AS InNetwork FROM alumni_read WHERE alumnus_id = @Id";

    internal const string OverdueSql =
        """
        SELECT COALESCE(a.full_name, '') AS AlumnusName, r.manager_email AS ManagerEmail, r.department AS Department, r.due_on AS DueOn
        FROM recommendation_requests r LEFT JOIN alumni_read a ON a.alumnus_id = r.alumnus_id
        WHERE r.status = @Requested AND r.due_on < @Today
        ORDER BY r.due_on, r.id
        """;

    private bool _warnedNoHost;

    internal sealed class Due
    {
        public Guid Id { get; init; }
        public string Kind { get; init; } = "";
        public Guid? SubjectId { get; init; }
        public string Recipient { get; init; } = "";
        public string Language { get; init; } = "";
        public int Attempts { get; init; }
        public string? Details { get; init; }
    }

    private sealed class OverdueRow
    {
        public string AlumnusName { get; init; } = "";
        public string ManagerEmail { get; init; } = "";
        public string Department { get; init; } = "";
        public DateOnly DueOn { get; init; }
    }

    private sealed class AlumnusRow
    {
        public string Status { get; init; } = "";
        public int? InNetwork { get; init; }
    }

    private sealed class RequestRow
    {
        public string Status { get; init; } = "";
        public string ManagerEmail { get; init; } = "";
        public string Department { get; init; } = "";
        public DateOnly LastDay { get; init; }
        public DateOnly DueOn { get; init; }
        public string AlumnusName { get; init; } = "";
        public string Role { get; init; } = "";
        public string? ManagerName { get; init; }
        public string? AlumnusManagerEmail { get; init; }
        public int Consented { get; init; }
        public string AlumnusStatus { get; init; } = "";
    }

    /// <summary>Queues this week's digest (once per recipient and week) and sends every mail due now; returns how many were handled.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Smtp.Host))
        {
            if (!_warnedNoHost)
            {
                LogNoHost();
                _warnedNoHost = true;
            }

            return 0;
        }

        await QueueDigestAsync(cancellationToken);
        var handled = 0;
        while (await LeaseNextAsync(cancellationToken) is { } mail)
        {
            await SendAsync(mail, cancellationToken);
            handled++;
        }

        return handled;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunDueAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Whatever went wrong (the database busy, a bug in one mail), the other mails still go: log and look again.
                LogFailed(exception);
            }

            try
            {
                // Real time: the clock decides what is due, not how often to look.
                await Task.Delay(options.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
    }

    private async Task QueueDigestAsync(CancellationToken cancellationToken)
    {
        if (options.HrDigestRecipients.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var day = today.AddDays(-(((int)today.DayOfWeek - (int)options.DigestDay + 7) % 7));
        if (now < new DateTimeOffset(day.ToDateTime(new TimeOnly(7, 0)), TimeSpan.Zero))
        {
            day = day.AddDays(-7);
        }

        await using var session = await database.BeginAsync(cancellationToken);
        foreach (var recipient in options.HrDigestRecipients)
        {
            await MailOutbox.EnqueueAsync(session, MailKind.OverdueDigest, $"overdue-digest:{day:yyyy-MM-dd}:{recipient.ToLowerInvariant()}", null, recipient,
                options.DefaultLanguage, now);
        }

        await session.CommitAsync(cancellationToken);
    }

    private async Task<Due?> LeaseNextAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var session = await database.BeginAsync(cancellationToken);
        var parameters = new { Pending = MailStatus.Pending.ToWire(), Now = now };
        var due = await session.Connection.QuerySingleOrDefaultAsync<Due>(NextDueSql(database.Dialect), parameters, session.Transaction);
        if (due is null || await session.Connection.ExecuteAsync(LeaseSql, new { due.Id, parameters.Pending, Now = now, Until = now + options.Lease }, session.Transaction) == 0)
        {
            return null;
        }

        await session.CommitAsync(cancellationToken);
        return due;
    }

    private async Task SendAsync(Due mail, CancellationToken cancellationToken)
    {
        var content = await ComposeAsync(mail, cancellationToken);
        if (content is null)
        {
            await RecordAsync(DoneSql, new { mail.Id, Status = MailStatus.Skipped.ToWire(), SentAt = (DateTimeOffset?)null }, cancellationToken);
            return;
        }

        try
        {
            await DeliverAsync(mail, content, cancellationToken);
        }
        catch (Exception exception) when (IsDeliveryFailure(exception, cancellationToken))
        {
            var permanent = exception is SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted } rejected && (int)rejected.StatusCode >= 500;
            var attempts = mail.Attempts + 1;
            var dead = permanent || attempts >= options.MaxAttempts;
            var delay = TimeSpan.FromTicks(Math.Min(options.MaxRetryDelay.Ticks, options.RetryDelay.Ticks * (1L << Math.Min(attempts - 1, 20))));
            LogDeliveryFailed(mail.Id, mail.Kind, attempts, dead, exception.GetType().Name);
            await RecordAsync(FailedSql, new
            {
                mail.Id, Status = (dead ? MailStatus.Dead : MailStatus.Pending).ToWire(), NextAttemptAt = clock.GetUtcNow() + delay,
                Error = exception is SmtpCommandException command ? $"{exception.GetType().Name} {(int)command.StatusCode}" : exception.GetType().Name,
            }, cancellationToken);
            return;
        }

        await RecordAsync(DoneSql, new { mail.Id, Status = MailStatus.Sent.ToWire(), SentAt = (DateTimeOffset?)clock.GetUtcNow() }, cancellationToken);
    }

    private async Task<MailContent?> ComposeAsync(Due mail, CancellationToken cancellationToken)
    {
        var kind = Wire<MailKind>.Parse(mail.Kind);
        var language = Wire<Language>.Parse(mail.Language);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await using var connection = await database.OpenAsync(cancellationToken);
        if (kind == MailKind.OverdueDigest)
        {
            var overdue = (await connection.QueryAsync<OverdueRow>(OverdueSql, new { Requested = RecommendationStatus.Requested.ToWire(), Today = today }))
                .Select(row => new OverdueRequest(row.AlumnusName, row.ManagerEmail, row.Department, row.DueOn)).ToList();
            return MailTemplates.Digest(language, overdue, new Uri(options.AppUrl, "hr/recommendations"));
        }

        if (kind is MailKind.AlumniWelcome or MailKind.AlumniLink)
        {
            return await ComposeForAlumnusAsync(connection, mail, kind, language);
        }

        var request = await connection.QuerySingleOrDefaultAsync<RequestRow>(RequestSql, new { Id = mail.SubjectId });
        var expected = kind == MailKind.Expired ? RecommendationStatus.Expired : RecommendationStatus.Requested;
        var stillWanted = request is not null && request.Status == expected.ToWire() && request.Consented == 1
            && request.AlumnusStatus != AlumnusStatus.OptedOut.ToWire() && request.AlumnusStatus != AlumnusStatus.Rescinded.ToWire()
            && string.Equals(request.ManagerEmail, mail.Recipient, StringComparison.OrdinalIgnoreCase);
        if (!stillWanted)
        {
            return null;
        }

        var managerName = string.Equals(request!.AlumnusManagerEmail, request.ManagerEmail, StringComparison.OrdinalIgnoreCase) ? request.ManagerName : null;
        return MailTemplates.Compose(kind, language, new RequestFacts(
            request.AlumnusName, managerName, request.Department, request.Role, request.LastDay, request.DueOn,
            new Uri(options.AppUrl, $"manager/requests/{mail.SubjectId}"), today.DayNumber - request.DueOn.DayNumber));
    }

    /// <summary>
    /// A link mail goes while its link still opens and the alumnus has not left the network since (a
    /// welcome) or stopped being an alumnus (a link asked for). The read model may not know the alumnus
    /// yet (the departure's event on its way): Alumni checked the consent when it issued the link.
    /// </summary>
    private async Task<MailContent?> ComposeForAlumnusAsync(System.Data.Common.DbConnection connection, Due mail, MailKind kind, Language language)
    {
        var details = mail.Details is null ? null : System.Text.Json.JsonSerializer.Deserialize<AlumniLinkIssuedConsumer.LinkDetails>(mail.Details);
        if (details is null || details.ExpiresAt <= clock.GetUtcNow())
        {
            return null;
        }

        var alumnus = await connection.QuerySingleOrDefaultAsync<AlumnusRow>(AlumnusSql, new { Id = mail.SubjectId });
        var stillWanted = alumnus is null
            || (alumnus.Status != AlumnusStatus.Rescinded.ToWire()
                && (kind == MailKind.AlumniLink || (alumnus.Status != AlumnusStatus.OptedOut.ToWire() && alumnus.InNetwork != 0)));
        return stillWanted
            ? MailTemplates.AlumniLink(kind, language, details.FullName, new Uri(options.AppUrl, $"alumnus/link/{details.Token}"), details.ExpiresAt)
            : null;
    }

    private async Task DeliverAsync(Due mail, MailContent content, CancellationToken cancellationToken)
    {
        var from = MailboxAddress.Parse(options.Smtp.From!);
        using var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(mail.Recipient));
        message.Subject = content.Subject;
        message.MessageId = $"{mail.Id:N}@{from.Domain}";
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Body = new BodyBuilder { TextBody = content.Text, HtmlBody = content.Html }.ToMessageBody();
        message.Body.Headers.Add(HeaderId.ContentLanguage, mail.Language);
        using var client = new SmtpClient { Timeout = 30_000 };
        var security = !options.Smtp.UseTls ? SecureSocketOptions.None : options.Smtp.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
        await client.ConnectAsync(options.Smtp.Host!, options.Smtp.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(options.Smtp.User))
        {
            await client.AuthenticateAsync(options.Smtp.User, options.Smtp.Password ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    private async Task RecordAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var session = await database.BeginAsync(cancellationToken);
        await session.Connection.ExecuteAsync(sql, parameters, session.Transaction);
        await session.CommitAsync(cancellationToken);
    }

    private static bool IsDeliveryFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException or ServiceNotAuthenticatedException
            or MailKit.Security.AuthenticationException or System.Security.Authentication.AuthenticationException or IOException or SocketException or TimeoutException
        || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No SMTP host is set (Notifications:Smtp:Host): mail waits in the outbox")]
    private partial void LogNoHost();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {MailId} ({Kind}) failed on attempt {Attempt} (dead letter: {Dead}): {Error}")]
    private partial void LogDeliveryFailed(Guid mailId, string kind, int attempt, bool dead, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "The mail sender failed; it will try again")]
    private partial void LogFailed(Exception exception);
}
