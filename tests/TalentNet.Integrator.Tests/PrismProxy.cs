using System.Diagnostics;
using System.Net.Sockets;
using TalentNet.Testing;

namespace TalentNet.Integrator.Tests;

/// <summary>
/// Stoplight Prism's validation proxy (installed by ./test.sh under tools/): forwards every request
/// to the service and reports each way the request or the response breaks the document in an
/// <c>sl-violations</c> header.
/// </summary>
public sealed class PrismProxy : IAsyncDisposable
{
    private readonly Process _process;

    private PrismProxy(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<PrismProxy> StartAsync(string document, Uri upstream)
    {
        var port = LiveServices.FreePort();
        var start = new ProcessStartInfo(NodeTools.Path("prism"))
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "proxy", document, upstream.ToString().TrimEnd('/'), "-p", $"{port}", "-h", "127.0.0.1" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var proxy = new PrismProxy(process, new Uri($"http://127.0.0.1:{port}"));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return proxy;
            }
            catch (SocketException)
            {
                await Task.Delay(200);
            }
        }

        await proxy.DisposeAsync();
        throw new InvalidOperationException($"Prism did not start on port {port} for {document}.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}

/// <summary>The npm tools ./test.sh installs into tools/ with a lock file.</summary>
public static class NodeTools
{
    public static string Path(string name)
    {
        var path = System.IO.Path.Combine(RepositoryRoot.Path, "tools", "node_modules", ".bin", name);
        return File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing: ./test.sh installs it (npm ci --prefix tools).");
    }
}

/// <summary>Collects every violation Prism reports, with the request that drew it.</summary>
public sealed class ViolationRecorder : DelegatingHandler
{
    private readonly List<string> _violations;

    /// <summary>The last request answered with an error, as sent and as answered.</summary>
    public static string? LastFailure { get; private set; }

    public ViolationRecorder(List<string> violations)
        : base(new HttpClientHandler())
    {
        _violations = violations;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var sent = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        if ((int)response.StatusCode >= 400)
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            LastFailure = $"{request.Method} {request.RequestUri?.PathAndQuery} {sent} -> {(int)response.StatusCode} {string.Join(";", response.Headers)} {await response.Content.ReadAsStringAsync(cancellationToken)}";
        }

        if (response.Headers.TryGetValues("sl-violations", out var values))
        {
            lock (_violations)
            {
                _violations.AddRange(values.Select(value => $"{request.Method} {request.RequestUri?.PathAndQuery} -> {(int)response.StatusCode}: {value}"));
            }
        }

        return response;
    }
}
