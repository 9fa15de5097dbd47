using TalentNet.ServiceDefaults;

namespace TalentNet.Candidates;

/// <summary>Bound from the <c>Candidates</c> section: rejection reasons, where tracking links lead and how their visitors are counted; checked at start.</summary>
public sealed partial class CandidatesOptions : ICheckedOptions
{
    public const string Section = "Candidates";

    /// <summary>Where a tracking link leads when its job is closed or has no posting URL.</summary>
    public Uri? CareersUrl { get; set; }

    /// <summary>
    /// The key of the visitor hash (client address and user agent, per day): never stored, so a hash
    /// cannot be turned back into an address. Replicas must share it; unset, each process makes one.
    /// </summary>
    public string? VisitorSalt { get; set; }

    /// <summary>The reasons a recruiter picks from when rejecting (stable keys); the funnel counts rejections by them.</summary>
    public List<string> RejectionReasons { get; set; } = [];

    /// <summary>The reasons in force: the configured ones, or the defaults.</summary>
    public IReadOnlyList<string> Reasons => RejectionReasons.Count > 0
        ? RejectionReasons
        : ["not-qualified", "salary", "withdrew", "position-filled", "no-response", "culture-add", "other"];

    /// <summary>A candidate never hired is anonymized this long after their last activity (their record's or an application's last change).</summary>
    public TimeSpan RetainWithoutHire { get; set; } = TimeSpan.FromDays(730);

    /// <summary>How often the retention rules run.</summary>
    public TimeSpan RetentionSweepInterval { get; set; } = TimeSpan.FromDays(1);

    public IEnumerable<string> Problems()
    {
        if (RetainWithoutHire <= TimeSpan.Zero || RetentionSweepInterval <= TimeSpan.Zero)
        {
            yield return $"{Section}:RetainWithoutHire and {Section}:RetentionSweepInterval must be positive.";
        }

        if (RejectionReasons.Any(reason => !Key().IsMatch(reason ?? "")) || RejectionReasons.Distinct().Count() != RejectionReasons.Count)
        {
            yield return $"{Section}:RejectionReasons must be distinct keys of lower-case words joined by '-', such as not-qualified.";
        }

        if (CareersUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("https" or "http")))
        {
            yield return $"{Section}:CareersUrl must be an absolute http(s) URL.";
        }

        if (VisitorSalt is { Length: > 0 and < 16 })
        {
            yield return $"{Section}:VisitorSalt must be at least 16 characters.";
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial System.Text.RegularExpressions.Regex Key();
}
