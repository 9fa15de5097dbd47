using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Problems;

namespace TalentNet.Candidates;

/// <summary>Bound from <c>Candidates:Ats</c>: how ATS deliveries land on TalentNet's jobs and pipelines; checked at start.</summary>
public sealed class AtsOptions : ICheckedOptions
{
    public const string Section = "Candidates:Ats";

    /// <summary>An ATS job TalentNet does not know yet is opened here (with the default pipeline) when true; otherwise its deliveries wait for a replay.</summary>
    public bool CreateUnknownJobs { get; set; } = true;

    /// <summary>Who a job created from an ATS reports to when the ATS names no hiring manager.</summary>
    public string DefaultHiringManagerEmail { get; set; } = "recruiting@talentnet.invalid";

    /// <summary>ATS stage names (any case) mapped to pipeline stage keys; names not listed match a stage by key or name, then by a shared word.</summary>
    public Dictionary<string, string> Stages { get; set; } = [];

    public IEnumerable<string> Problems()
    {
        if (!Validation.IsEmail(DefaultHiringManagerEmail))
        {
            yield return $"{Section}:DefaultHiringManagerEmail must be an email address.";
        }

        foreach (var (name, key) in Stages.Where(pair => string.IsNullOrWhiteSpace(pair.Value)))
        {
            yield return $"{Section}:Stages:{name} must name a stage key.";
        }
    }
}
