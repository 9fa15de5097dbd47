using TalentNet.ServiceDefaults;

namespace TalentNet.Candidates;

/// <summary>Bound from the <c>Candidates</c> section: where tracking links lead and how their visitors are counted; checked at start.</summary>
public sealed class TrackingOptions : ICheckedOptions
{
    public const string Section = "Candidates";

    /// <summary>Where a tracking link leads when its job is closed or has no posting URL.</summary>
    public Uri? CareersUrl { get; set; }

    /// <summary>
    /// The key of the visitor hash (client address and user agent, per day): never stored, so a hash
    /// cannot be turned back into an address. Replicas must share it; unset, each process makes one.
    /// </summary>
    public string? VisitorSalt { get; set; }

    public IEnumerable<string> Problems()
    {
        if (CareersUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("https" or "http")))
        {
            yield return $"{Section}:CareersUrl must be an absolute http(s) URL.";
        }

        if (VisitorSalt is { Length: > 0 and < 16 })
        {
            yield return $"{Section}:VisitorSalt must be at least 16 characters.";
        }
    }
}
