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
