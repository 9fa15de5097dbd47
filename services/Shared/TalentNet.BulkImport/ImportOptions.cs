using TalentNet.ServiceDefaults;

namespace TalentNet.BulkImport;

/// <summary>Bound from the <c>Imports</c> configuration section; checked at start.</summary>
public sealed class ImportOptions : ICheckedOptions
{
    public const string Section = "Imports";

    /// <summary>Where files wait while they are read (deleted when done). Unset: the system temp folder.</summary>
    public string? SpoolDirectory { get; set; }

    /// <summary>The largest file taken (bytes); larger is 413.</summary>
    public long MaxFileBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Rows written per transaction.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Row errors kept per import (all are counted).</summary>
    public int MaxErrors { get; set; } = 1000;

    public string SpoolFor(string serviceName) =>
        SpoolDirectory ?? Path.Combine(Path.GetTempPath(), "talentnet-imports", serviceName);

    public IEnumerable<string> Problems()
    {
        if (MaxFileBytes < 1 || BatchSize is < 1 or > 10_000 || MaxErrors is < 0 or > 100_000)
        {
            yield return $"{Section}:MaxFileBytes must be positive, BatchSize 1 to 10000, MaxErrors 0 to 100000.";
        }
    }
}
