using System.Diagnostics;
using TalentNet.Testing;

namespace TalentNet.Backbone.Tests;

/// <summary>A backbone node in its own OS process, so that a test can kill it for real.</summary>
internal sealed class NodeProcess : IDisposable
{
    private readonly Process _process;

    private NodeProcess(Process process) => _process = process;

    public static NodeProcess Start(params string[] arguments)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release" : "Debug";
        var dll = Path.Combine(RepositoryRoot.Path, "tests", "TalentNet.Backbone.Node", "bin", configuration, "net10.0", "TalentNet.Backbone.Node.dll");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new NodeProcess(process);
    }

    public bool HasExited => _process.HasExited;

    public Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        return _process.WaitForExitAsync(cancellation.Token);
    }

    /// <summary>SIGKILL: no shutdown, no ack, no commit.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
