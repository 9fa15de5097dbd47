using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace TalentNet.Bench.Candidates;

public sealed record LoadResult(double RequestsPerSecond, double P50Ms, double P99Ms, long Non2xx);

/// <summary>Runs Debian's wrk on the other core and reads its summary.</summary>
public static partial class Wrk
{
    /// <summary>A warm-up run first (JIT tiers, caches, pools), then the measured run.</summary>
    public static async Task<LoadResult> RunAsync(string url, int seconds, int connections, string? token, string? script = null, string? warmupScript = null)
    {
        await MeasureAsync(url, Math.Max(3, seconds / 2), connections, token, warmupScript ?? script);
        return await MeasureAsync(url, seconds, connections, token, script);
    }

    private static async Task<LoadResult> MeasureAsync(string url, int seconds, int connections, string? token, string? script)
    {
        var arguments = new List<string> { "-c", "1", "wrk", "-t1", $"-c{connections}", $"-d{seconds}s", "--latency" };
        if (token is not null)
        {
            arguments.AddRange(["-H", $"Authorization: Bearer {token}"]);
        }

        if (script is not null)
        {
            arguments.AddRange(["-s", script]);
        }

        arguments.Add(url);
        var start = new ProcessStartInfo("taskset") { RedirectStandardOutput = true, RedirectStandardError = true };
        arguments.ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk failed: {await process.StandardError.ReadToEndAsync()}");
        }

        var non2xx = Non2xx().Match(output) is { Success: true } match ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        return new LoadResult(
            double.Parse(Rate().Match(output).Groups[1].Value, CultureInfo.InvariantCulture),
            Percentile(output, "50"),
            Percentile(output, "99"),
            non2xx);
    }

    private static double Percentile(string output, string percentile)
    {
        var match = Regex.Match(output, $@"^\s+{percentile}(?:\.000)?%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex Rate();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xx();
}
