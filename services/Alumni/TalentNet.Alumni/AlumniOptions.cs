using TalentNet.Contracts;
using TalentNet.ServiceDefaults;

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

    public RehireEligibility EligibilityFor(DepartureReason reason) =>
        EligibilityByReason.TryGetValue(reason.ToWire(), out var eligibility) ? Wire<RehireEligibility>.Parse(eligibility) : RehireEligibility.WithReview;

    /// <summary>What is wrong with the settings, each naming its configuration key.</summary>
    public IEnumerable<string> Problems()
    {
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
}
