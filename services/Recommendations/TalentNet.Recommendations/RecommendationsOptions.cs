using TalentNet.Contracts;
using TalentNet.ServiceDefaults;

namespace TalentNet.Recommendations;

/// <summary>Bound from the <c>Recommendations</c> configuration section.</summary>
public sealed class RecommendationsOptions : ICheckedOptions
{
    public const string Section = "Recommendations";

    /// <summary>A request is due this many days after the leaver's last day.</summary>
    public int DueDays { get; set; } = 14;

    /// <summary>Reminders to the manager, in days relative to the due date (negative: before).</summary>
    public List<int> ReminderOffsetsDays { get; set; } = [-3, 0, 7];

    /// <summary>A request still open this many days after its due date expires.</summary>
    public int ExpireAfterDueDays { get; set; } = 30;

    /// <summary>Eligibilities (wire names) for which no recommendation is requested.</summary>
    public List<string> SkipEligibilities { get; set; } = ["not-eligible"];

    public TimeSpan SchedulePollInterval { get; set; } = TimeSpan.FromSeconds(30);

    public MatchWeights Weights { get; set; } = new();

    public bool SkipsRequestFor(RehireEligibility eligibility) => SkipEligibilities.Contains(eligibility.ToWire());

    public IEnumerable<string> Problems()
    {
        if (DueDays < 0)
        {
            yield return $"{Section}:DueDays must not be negative.";
        }

        if (ExpireAfterDueDays < 0)
        {
            yield return $"{Section}:ExpireAfterDueDays must not be negative.";
        }

        if (SchedulePollInterval <= TimeSpan.Zero)
        {
            yield return $"{Section}:SchedulePollInterval must be positive.";
        }

        foreach (var (eligibility, index) in SkipEligibilities.Select((eligibility, index) => (eligibility, index)))
        {
            if (!Wire<RehireEligibility>.TryParse(eligibility, out _))
            {
                yield return $"{Section}:SkipEligibilities:{index} = '{eligibility}' is not an eligibility; use one of: {string.Join(", ", Wire<RehireEligibility>.Names)}.";
            }
        }
    }
}

/// <summary>
/// How much each reason adds to an alumnus's match score for a job (the sum of all is 1):
/// the share of the job's skills the alumnus has, the same department, a shared word in role and
/// job title, rehire eligibility (half for with-review), the manager's recommendation, the
/// manager saying they would rehire, the exit interview's "would return" (half for maybe), and
/// recency (full when just left, none after <see cref="RecentMonths"/>).
/// </summary>
public sealed class MatchWeights
{
    public double Skills { get; set; } = 0.30;
    public double Department { get; set; } = 0.10;
    public double RoleFamily { get; set; } = 0.10;
    public double Eligible { get; set; } = 0.10;
    public double Recommended { get; set; } = 0.10;
    public double WouldRehire { get; set; } = 0.10;
    public double WouldReturn { get; set; } = 0.10;
    public double Recent { get; set; } = 0.10;
    public int RecentMonths { get; set; } = 36;
}
