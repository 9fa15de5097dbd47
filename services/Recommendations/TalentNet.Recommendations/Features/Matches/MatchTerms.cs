namespace TalentNet.Recommendations.Features.Matches;

/// <summary>
/// The normalized forms matching compares, written beside the alumnus (<c>skill_terms</c>,
/// <c>role_terms</c>, <c>last_month</c>) so that SQL ranks and the reasons are worked out from the same terms.
/// </summary>
internal static class MatchTerms
{
    private static readonly char[] WordSeparators = [' ', '-', '/', ','];

    public static string Term(string text) => text.Trim().ToLowerInvariant().Replace('|', '/');

    /// <summary>A role's or a title's words that say something (longer than two letters).</summary>
    public static IEnumerable<string> Words(string text) =>
        Term(text).Split(WordSeparators, StringSplitOptions.RemoveEmptyEntries).Where(word => word.Length > 2).Distinct(StringComparer.Ordinal);

    public static string Joined(IEnumerable<string> terms) => $"|{string.Join('|', terms)}|";

    public static string Skills(IEnumerable<string> skills) => Joined(skills.Select(Term).Distinct(StringComparer.Ordinal));

    public static string Role(string role) => Joined(Words(role));

    public static int Month(DateOnly day) => (day.Year * 12) + day.Month;

    /// <summary>The needle that finds one term in a joined list.</summary>
    public static string Needle(string term) => $"|{term}|";

    public static bool Holds(string joined, string term) => joined.Contains(Needle(term), StringComparison.Ordinal);
}
