using TalentNet.Contracts;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;

namespace TalentNet.Integrations;

/// <summary>Bound from the <c>Integrations</c> configuration section; checked at start.</summary>
public sealed class IntegrationsOptions : ICheckedOptions
{
    public const string Section = "Integrations";

    /// <summary>The shortest webhook secret accepted: HMAC keys shorter than this are guessable.</summary>
    public const int MinimumSecretLength = 16;

    /// <summary>Greenhouse signs the body with this key (<c>Signature: sha256 &lt;hex&gt;</c>). Unset: the endpoint answers 404.</summary>
    public SecretKeySettings Greenhouse { get; set; } = new();

    /// <summary>Lever signs <c>token + triggeredAt</c> with this token, inside the body. Unset: the endpoint answers 404.</summary>
    public LeverSettings Lever { get; set; } = new();

    /// <summary>Ashby signs the body with this key (<c>Ashby-Signature: sha256=&lt;hex&gt;</c>). Unset: the endpoint answers 404.</summary>
    public SecretKeySettings Ashby { get; set; } = new();

    /// <summary>How long raw deliveries are kept for replay before they are deleted.</summary>
    public TimeSpan DeliveryRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often expired deliveries are looked for.</summary>
    public TimeSpan RetentionSweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Signed webhooks out: retries, limits and which targets may be called.</summary>
    public OutboundWebhookSettings Webhooks { get; set; } = new();

    /// <summary>ATS source names mapped to channels: a source whose name contains the key (any case) gets the channel; checked before the built-in rules.</summary>
    public Dictionary<string, string> Sources { get; set; } = [];

    public IEnumerable<string> Problems()
    {
        foreach (var (key, secret) in new[]
        {
            ($"{Section}:Greenhouse:SecretKey", Greenhouse.SecretKey), ($"{Section}:Lever:SignatureToken", Lever.SignatureToken),
            ($"{Section}:Ashby:SecretKey", Ashby.SecretKey),
        })
        {
            if (Placeholders.IsPlaceholder(secret))
            {
                yield return Placeholders.Refusal(key);
            }
            else if (secret is { Length: > 0 and < MinimumSecretLength })
            {
                yield return $"{key} must be at least {MinimumSecretLength} characters.";
            }
        }

        if (Placeholders.IsPlaceholder(Lever.ApiKey))
        {
            yield return Placeholders.Refusal($"{Section}:Lever:ApiKey");
        }

        if (!Lever.ApiUrl.IsAbsoluteUri || Lever.ApiTimeout <= TimeSpan.Zero || Lever.RetryDelay <= TimeSpan.Zero)
        {
            yield return $"{Section}:Lever:ApiUrl must be an absolute URL, ApiTimeout and RetryDelay positive.";
        }

        if (DeliveryRetention <= TimeSpan.Zero || RetentionSweepInterval <= TimeSpan.Zero)
        {
            yield return $"{Section}:DeliveryRetention and {Section}:RetentionSweepInterval must be positive.";
        }

        foreach (var problem in Webhooks.Problems($"{Section}:Webhooks"))
        {
            yield return problem;
        }

        foreach (var (name, channel) in Sources.Where(pair => !Wire<Channel>.TryParse(pair.Value, out _)))
        {
            yield return $"{Section}:Sources:{name} is '{channel}', not a channel; allowed: {string.Join(", ", Wire<Channel>.Names)}.";
        }
    }
}

/// <summary>An ATS that signs the raw body with a shared secret key (Greenhouse, Ashby).</summary>
public sealed class SecretKeySettings
{
    public string? SecretKey { get; set; }
}

/// <summary>
/// Lever signs each delivery's token and time with the webhook's signature token, and sends ids only:
/// the opportunity is read from Lever's API with the API key.
/// </summary>
public sealed class LeverSettings
{
    public string? SignatureToken { get; set; }

    /// <summary>A Lever API key with read access to opportunities and postings.</summary>
    public string? ApiKey { get; set; }

    public Uri ApiUrl { get; set; } = new("https://api.lever.co/v1/");

    /// <summary>How long one call to Lever's API may take.</summary>
    public TimeSpan ApiTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long after a failed call to Lever the delivery is tried again (doubling each time, up to an hour).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>How TalentNet delivers its events to subscribers' URLs (Standard Webhooks).</summary>
public sealed class OutboundWebhookSettings
{
    /// <summary>Waits before each retry of a delivery that failed; after the last, the delivery has failed.</summary>
    public List<TimeSpan> RetryDelays { get; set; } = [];

    /// <summary>Targets on loopback, private or link-local addresses (and plain http) are refused unless true (Development, tests).</summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>A subscription is disabled once this many of its deliveries failed every retry in a row.</summary>
    public int DisableAfterFailedDeliveries { get; set; } = 5;

    /// <summary>How long a receiver may take to answer one delivery.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Deliveries in flight to one subscription at once; a slow receiver holds only these.</summary>
    public int ConcurrencyPerSubscription { get; set; } = 4;

    /// <summary>How long the previous secret still signs (beside the new one) after a rotation.</summary>
    public TimeSpan RotationOverlap { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The delays in force: the configured ones, or Standard Webhooks' suggested schedule.</summary>
    public IReadOnlyList<TimeSpan> Delays => RetryDelays.Count > 0
        ? RetryDelays
        : [TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10)];

    public IEnumerable<string> Problems(string section)
    {
        if (RetryDelays.Any(delay => delay <= TimeSpan.Zero) || RetryDelays.Count > 20)
        {
            yield return $"{section}:RetryDelays must be at most 20 positive durations.";
        }

        if (DisableAfterFailedDeliveries < 1 || ConcurrencyPerSubscription is < 1 or > 64)
        {
            yield return $"{section}:DisableAfterFailedDeliveries must be at least 1 and ConcurrencyPerSubscription between 1 and 64.";
        }

        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(2) || RotationOverlap < TimeSpan.Zero)
        {
            yield return $"{section}:Timeout must be positive and at most 2 minutes, RotationOverlap not negative.";
        }
    }
}
