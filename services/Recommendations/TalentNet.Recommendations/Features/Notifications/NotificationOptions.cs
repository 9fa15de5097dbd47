using TalentNet.Contracts;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Problems;

namespace TalentNet.Recommendations.Features.Notifications;

/// <summary>Bound from the <c>Notifications</c> configuration section; checked at start.</summary>
public sealed class NotificationOptions : ICheckedOptions
{
    public const string Section = "Notifications";

    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>For recipients whose departure names no language.</summary>
    public Language DefaultLanguage { get; set; } = Language.En;

    /// <summary>Where the web app is; mails link to its pages.</summary>
    public Uri AppUrl { get; set; } = new("http://localhost:5100/");

    /// <summary>Who receives the weekly digest of overdue requests (HR's addresses).</summary>
    public List<string> HrDigestRecipients { get; set; } = [];

    /// <summary>The day of the week (UTC) the digest goes out, from 07:00.</summary>
    public DayOfWeek DigestDay { get; set; } = DayOfWeek.Monday;

    /// <summary>Attempts before a mail becomes a dead letter HR can see.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failure; doubled after each further one, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(2);

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a sender holds a mail it is sending; another replica retries it after that (same Message-ID).</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    public IEnumerable<string> Problems()
    {
        if (!string.IsNullOrWhiteSpace(Smtp.Host))
        {
            if (!Validation.IsEmail(Smtp.From ?? ""))
            {
                yield return $"{Section}:Smtp:From must be an email address when {Section}:Smtp:Host is set.";
            }

            if (Smtp.Port is < 1 or > 65535)
            {
                yield return $"{Section}:Smtp:Port must be a TCP port.";
            }

            if (string.IsNullOrEmpty(Smtp.User) != string.IsNullOrEmpty(Smtp.Password))
            {
                yield return $"{Section}:Smtp:User and {Section}:Smtp:Password are set together or not at all.";
            }
        }

        if (!AppUrl.IsAbsoluteUri)
        {
            yield return $"{Section}:AppUrl must be an absolute URL.";
        }

        foreach (var (recipient, index) in HrDigestRecipients.Select((recipient, index) => (recipient, index)))
        {
            if (!Validation.IsEmail(recipient))
            {
                yield return $"{Section}:HrDigestRecipients:{index} is not an email address.";
            }
        }

        if (MaxAttempts < 1 || RetryDelay <= TimeSpan.Zero || MaxRetryDelay < RetryDelay || PollInterval <= TimeSpan.Zero || Lease <= TimeSpan.Zero)
        {
            yield return $"{Section}: MaxAttempts must be at least 1, RetryDelay, PollInterval and Lease positive, MaxRetryDelay at least RetryDelay.";
        }
    }

    public sealed class SmtpSettings
    {
        /// <summary>No host: mails wait in the outbox (./run.sh starts a development mail server and sets one).</summary>
        public string? Host { get; set; }

        public int Port { get; set; } = 587;

        /// <summary>STARTTLS (or TLS from the start on port 465); off only for a local development server.</summary>
        public bool UseTls { get; set; } = true;

        public string? User { get; set; }

        public string? Password { get; set; }

        public string? From { get; set; }
    }
}
