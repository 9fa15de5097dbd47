using TalentNet.ServiceDefaults;

namespace TalentNet.Candidates;

/// <summary>Bound from the <c>Reporting</c> configuration section; checked at start.</summary>
public sealed class ReportingOptions : ICheckedOptions
{
    public const string Section = "Reporting";

    /// <summary>The one currency (ISO 4217) spend is recorded and reported in.</summary>
    public string Currency { get; set; } = "NOK";

    public IEnumerable<string> Problems()
    {
        if (Currency.Length != 3 || !Currency.All(char.IsAsciiLetterUpper))
        {
            yield return $"{Section}:Currency must be an ISO 4217 code of three capital letters, such as NOK.";
        }
    }
}
