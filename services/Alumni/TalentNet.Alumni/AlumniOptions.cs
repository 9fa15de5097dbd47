namespace TalentNet.Alumni;

/// <summary>Bound from the <c>Alumni</c> configuration section.</summary>
public sealed class AlumniOptions
{
    public const string Section = "Alumni";

    public static readonly IReadOnlyList<string> Reasons =
        ["resignation", "relocation", "career-change", "studies", "retirement", "contract-end", "layoff", "performance", "conduct", "other"];

    /// <summary>Rehire eligibility per departure reason; reasons not listed are <c>with-review</c>.</summary>
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

    public string EligibilityFor(string reason) => EligibilityByReason.GetValueOrDefault(reason, "with-review");
}
