using TalentNet.Contracts;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;

namespace TalentNet.Alumni;

/// <summary>Bound from the <c>Alumni</c> configuration section; checked at start.</summary>
public sealed class AlumniOptions : ICheckedOptions
{
    public const string Section = "Alumni";

    /// <summary>Rehire eligibility per departure reason, by wire name; reasons not listed are <c>with-review</c>.</summary>
    public Dictionary<string, string> EligibilityByReason { get; set; } = new(StringComparer.Ordinal)
    {
        ["resignation"] = "eligible",
        ["relocation"] = "eligible",
        ["career-change"] = "eligible",
        ["studies"] = "eligible",
        ["retirement"] = "eligible",
        ["contract-end"] = "eligible",
        ["layoff"] = "eligible",
        ["performance"] = "with-review",
        ["conduct"] = "not-eligible",
    };

    /// <summary>The candidates' external-id systems whose ids are employee ids (an HRIS that registers former staff as candidates).</summary>
    public List<string> EmployeeIdSystems { get; set; } = ["hris", "employee"];

    /// <summary>How long personal data is kept before a daily sweep removes it.</summary>
    public RetentionSettings Retention { get; set; } = new();

    /// <summary>The personal links to the alumni page that the welcome mail and link requests carry.</summary>
    public LinkSettings Links { get; set; } = new();

    public RehireEligibility EligibilityFor(DepartureReason reason) =>
        EligibilityByReason.TryGetValue(reason.ToWire(), out var eligibility) ? Wire<RehireEligibility>.Parse(eligibility) : RehireEligibility.WithReview;

    /// <summary>What is wrong with the settings, each naming its configuration key.</summary>
    public IEnumerable<string> Problems()
    {
        if (Retention.ExitInterviewNotes <= TimeSpan.Zero || Retention.OptedOutAlumni <= TimeSpan.Zero || Retention.SweepInterval <= TimeSpan.Zero)
        {
            yield return $"{Section}:Retention:ExitInterviewNotes, {Section}:Retention:OptedOutAlumni and {Section}:Retention:SweepInterval must be positive.";
        }

        foreach (var problem in Links.Problems($"{Section}:Links"))
        {
            yield return problem;
        }

        if (EmployeeIdSystems.Any(string.IsNullOrWhiteSpace))
        {
            yield return $"{Section}:EmployeeIdSystems must not hold empty names.";
        }

        foreach (var (reason, eligibility) in EligibilityByReason)
        {
            if (!Wire<DepartureReason>.TryParse(reason, out _))
            {
                yield return $"{Section}:EligibilityByReason:{reason} is not a departure reason; use one of: {string.Join(", ", Wire<DepartureReason>.Names)}.";
            }

            if (!Wire<RehireEligibility>.TryParse(eligibility, out _))
            {
                yield return $"{Section}:EligibilityByReason:{reason} = '{eligibility}' is not an eligibility; use one of: {string.Join(", ", Wire<RehireEligibility>.Names)}.";
            }
        }
    }

    public sealed class LinkSettings
    {
        /// <summary>Signs links and alumni sessions (HMAC-SHA256): at least 32 characters, the same on every replica, never an example value.</summary>
        public string? SigningKey { get; set; }

        /// <summary>How long the welcome mail's link can be opened.</summary>
        public TimeSpan WelcomeLifetime { get; set; } = TimeSpan.FromDays(14);

        /// <summary>How long a link the alumnus asked for can be opened.</summary>
        public TimeSpan RequestedLifetime { get; set; } = TimeSpan.FromHours(1);

        /// <summary>How long the alumni page stays signed in after a link was opened.</summary>
        public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromMinutes(30);

        /// <summary>Links mailed per alumnus and hour on request, so nobody can flood a leaver's inbox.</summary>
        public int MaxRequestsPerHour { get; set; } = 3;

        public IEnumerable<string> Problems(string section)
        {
            if (string.IsNullOrWhiteSpace(SigningKey) || SigningKey.Length < 32)
            {
                yield return $"{section}:SigningKey must be set to a secret of at least 32 characters (it signs the alumni page's links).";
            }
            else if (Placeholders.IsPlaceholder(SigningKey))
            {
                yield return Placeholders.Refusal($"{section}:SigningKey");
            }

            if (WelcomeLifetime <= TimeSpan.Zero || RequestedLifetime <= TimeSpan.Zero || SessionLifetime <= TimeSpan.Zero || MaxRequestsPerHour < 1)
            {
                yield return $"{section}: WelcomeLifetime, RequestedLifetime and SessionLifetime must be positive, MaxRequestsPerHour at least 1.";
            }
        }
    }

    public sealed class RetentionSettings
    {
        /// <summary>Exit-interview notes and sentiment are removed this long after the last day (the would-return answer stays: matching uses it).</summary>
        public TimeSpan ExitInterviewNotes { get; set; } = TimeSpan.FromDays(365);

        /// <summary>An alumnus who opted out is erased this long after opting out, unless under a legal hold.</summary>
        public TimeSpan OptedOutAlumni { get; set; } = TimeSpan.FromDays(30);

        /// <summary>How often the sweep looks.</summary>
        public TimeSpan SweepInterval { get; set; } = TimeSpan.FromDays(1);
    }
}
