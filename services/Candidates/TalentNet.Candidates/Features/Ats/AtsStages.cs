using TalentNet.Candidates.Features.Jobs;

namespace TalentNet.Candidates.Features.Ats;

/// <summary>Which stage of a job's pipeline an ATS stage name means.</summary>
public static class AtsStages
{
    /// <summary>
    /// The configured mapping first; then a stage whose key or name is the ATS name (any case); then
    /// one sharing a word of at least four letters with it ("Preliminary Phone Screen" is screening);
    /// rejections map to <c>rejected</c>. Null when nothing matches: the application stays where it is.
    /// </summary>
    public static string? KeyFor(IReadOnlyList<PipelineStage> pipeline, string? atsStage, IReadOnlyDictionary<string, string> configured)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(configured);
        if (string.IsNullOrWhiteSpace(atsStage))
        {
            return null;
        }

        var name = atsStage.Trim();
        var keys = pipeline.Select(stage => stage.Key).Concat(Job.TerminalStages).ToList();
        var mapped = configured.FirstOrDefault(pair => string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
        if (mapped is not null)
        {
            return keys.Contains(mapped) ? mapped : null;
        }

        var exact = pipeline.FirstOrDefault(stage =>
            string.Equals(stage.Key, name, StringComparison.OrdinalIgnoreCase) || string.Equals(stage.Name, name, StringComparison.OrdinalIgnoreCase));
        if (exact is not null)
        {
            return exact.Key;
        }

        var words = name.Split([' ', '-', '_', '/', '(', ')', '&'], StringSplitOptions.RemoveEmptyEntries)
            .Where(word => word.Length >= 4).Select(word => word.ToLowerInvariant()).ToList();
        var byWord = keys.FirstOrDefault(key => words.Any(word => key.StartsWith(word, StringComparison.Ordinal) || word.StartsWith(key, StringComparison.Ordinal)));
        return byWord;
    }
}
