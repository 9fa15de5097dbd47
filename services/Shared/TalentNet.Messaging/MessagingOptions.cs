using TalentNet.ServiceDefaults;

namespace TalentNet.Messaging;

/// <summary>Bound from the <c>Messaging</c> configuration section.</summary>
public sealed class MessagingOptions : ICheckedOptions
{
    public const string Section = "Messaging";

    /// <summary>The broker, e.g. <c>amqp://guest:guest@127.0.0.1:5672/</c>; <c>RABBITMQ_URL</c> when unset.</summary>
    public string? RabbitMqUrl { get; set; }

    /// <summary>
    /// With an <c>amqps://</c> broker behind a private certificate authority: that authority's
    /// certificate (PEM). The broker's certificate must then chain to it and name the URL's host. Unset,
    /// the system's trusted roots decide.
    /// </summary>
    public string? TlsCaCertificatePath { get; set; }

    /// <summary>How many unacknowledged messages the broker hands one consumer at a time.</summary>
    public int PrefetchCount { get; set; } = 32;

    /// <summary>Immediate redeliveries for a failing message before it goes to the <c>_error</c> queue.</summary>
    public int ImmediateRetries { get; set; } = 3;

    /// <summary>Quorum queues for clustered brokers (RabbitMQ 3.8+); classic durable queues otherwise.</summary>
    public bool QuorumQueues { get; set; }

    /// <summary>
    /// How long a message stays in a service's <c>_error</c> and <c>_skipped</c> queues: they hold
    /// events with personal data, so they are not kept for ever. Set when RabbitMQ declares the queue.
    /// </summary>
    public TimeSpan ErrorQueueTimeToLive { get; set; } = TimeSpan.FromDays(14);

    public OutboxOptions Outbox { get; set; } = new();

    public string ResolveUrl() =>
        RabbitMqUrl
        ?? Environment.GetEnvironmentVariable("RABBITMQ_URL")
        ?? "amqp://guest:guest@127.0.0.1:5672/";

    public IEnumerable<string> Problems()
    {
        // The URL carries the broker's password: say what is wrong, never echo it.
        if (!Uri.TryCreate(ResolveUrl(), UriKind.Absolute, out var broker) || (broker.Scheme != "amqp" && broker.Scheme != "amqps"))
        {
            yield return $"{Section}:RabbitMqUrl (or RABBITMQ_URL) must be an amqp:// or amqps:// URL.";
        }
        else if (TlsCaCertificatePath is not null && broker.Scheme != "amqps")
        {
            yield return $"{Section}:TlsCaCertificatePath is set, but the broker URL is not amqps://: the connection would not use TLS.";
        }

        if (TlsCaCertificatePath is not null && BrokerTls.LoadAuthority(TlsCaCertificatePath) is null)
        {
            yield return $"{Section}:TlsCaCertificatePath must name a readable PEM certificate.";
        }

        if (PrefetchCount < 1)
        {
            yield return $"{Section}:PrefetchCount must be positive.";
        }

        if (ImmediateRetries < 0)
        {
            yield return $"{Section}:ImmediateRetries must not be negative.";
        }

        // RabbitMQ takes x-message-ttl in milliseconds as an unsigned 32-bit number.
        if (ErrorQueueTimeToLive <= TimeSpan.Zero || ErrorQueueTimeToLive.TotalMilliseconds > uint.MaxValue)
        {
            yield return $"{Section}:ErrorQueueTimeToLive must be positive and at most 49 days.";
        }

        foreach (var problem in Outbox.Problems($"{Section}:Outbox"))
        {
            yield return problem;
        }
    }
}

public sealed class OutboxOptions
{
    public bool RelayEnabled { get; set; } = true;

    public int BatchSize { get; set; } = 100;

    internal const int MaxRowsInFlight = 1_000;

    /// <summary>Batches published and waiting for their confirms at once: claiming overlaps the broker's round trip.</summary>
    public int BatchesInFlight { get; set; } = 4;

    /// <summary>How often the relay looks for work that no local commit announced (other replicas, retries).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a claimed batch belongs to one relay before another may take it over.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Attempts before a row that can never be published (unknown event type, unreadable payload)
    /// moves to <c>outbox_dead_letters</c>. A broker that is down never dead-letters anything.
    /// </summary>
    public int DeadLetterAfterAttempts { get; set; } = 10;

    /// <summary>Processed outbox rows are deleted after this long.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Inbox rows (the de-duplication memory) are deleted after this long.</summary>
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(14);

    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Readiness turns degraded when the oldest pending event is older than this.</summary>
    public TimeSpan BacklogAgeWarning { get; set; } = TimeSpan.FromMinutes(5);

    internal IEnumerable<string> Problems(string section)
    {
        if (BatchSize < 1)
        {
            yield return $"{section}:BatchSize must be positive.";
        }

        if (BatchesInFlight < 1)
        {
            yield return $"{section}:BatchesInFlight must be positive.";
        }

        // Confirmed rows are marked with one IN list (after a failure, up to twice this many sequences); SQL Server takes at most 2,100 parameters.
        if ((long)BatchSize * BatchesInFlight > MaxRowsInFlight)
        {
            yield return $"{section}:BatchSize times {section}:BatchesInFlight must not exceed {MaxRowsInFlight}.";
        }

        if (DeadLetterAfterAttempts < 1)
        {
            yield return $"{section}:DeadLetterAfterAttempts must be positive.";
        }

        foreach (var (name, value) in new[]
        {
            (nameof(PollInterval), PollInterval), (nameof(Lease), Lease), (nameof(PublishTimeout), PublishTimeout),
            (nameof(FirstRetryDelay), FirstRetryDelay), (nameof(MaxRetryDelay), MaxRetryDelay), (nameof(CleanupInterval), CleanupInterval),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                yield return $"{section}:{name} must be positive.";
            }
        }

        if (FirstRetryDelay > MaxRetryDelay)
        {
            yield return $"{section}:FirstRetryDelay must not exceed {section}:MaxRetryDelay.";
        }
    }
}
