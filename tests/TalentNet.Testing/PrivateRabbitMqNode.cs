using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TalentNet.Testing;

/// <summary>
/// A RabbitMQ node of our own on loopback, started and stopped through the repository's
/// <c>scripts/rabbitmq-node.sh</c> (the same script <c>./run.sh</c> uses).
/// </summary>
public sealed class PrivateRabbitMqNode : IAsyncDisposable
{
    private readonly string _directory;

    private PrivateRabbitMqNode(string directory, int amqpPort, int managementPort)
    {
        _directory = directory;
        AmqpPort = amqpPort;
        ManagementPort = managementPort;
    }

    public int AmqpPort { get; }

    public int ManagementPort { get; }

    public Uri AmqpUri => new($"amqp://guest:guest@127.0.0.1:{AmqpPort}/");

    public Uri ManagementUri => new($"http://127.0.0.1:{ManagementPort}/");

    /// <summary>AMQPS, where the node was started with a server certificate (the script's AMQP+2).</summary>
    public int TlsPort => AmqpPort + 2;

    /// <param name="name">Names the node's directory.</param>
    /// <param name="tls">PEM files for an AMQPS listener: the authority, the server's certificate and key.</param>
    public static async Task<PrivateRabbitMqNode> StartAsync(string name, (string Authority, string Certificate, string Key)? tls = null)
    {
        var directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "talentnet-tests", $"{name}-{Environment.ProcessId}");
        var (amqp, management) = FreePorts();
        var node = new PrivateRabbitMqNode(directory, amqp, management);
        if (tls is { } files)
        {
            var folder = System.IO.Path.Combine(directory, "tls");
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(System.IO.Path.Combine(folder, "ca.pem"), files.Authority);
            await File.WriteAllTextAsync(System.IO.Path.Combine(folder, "server.pem"), files.Certificate);
            await File.WriteAllTextAsync(System.IO.Path.Combine(folder, "server.key"), files.Key);
        }

        await node.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => node.Stop();
        return node;
    }

    /// <summary>(Re)starts the node on its data directory and waits until AMQP accepts connections.</summary>
    public Task StartAsync() => RunScriptAsync(
        "start", _directory, Invariant(AmqpPort), Invariant(ManagementPort), Invariant(Environment.ProcessId));

    /// <summary>Kills the Erlang VM outright: the broker is gone without a goodbye.</summary>
    public Task KillAsync() => RunScriptAsync("kill", _directory);

    public async ValueTask DisposeAsync()
    {
        await RunScriptAsync("stop", _directory);
        TryDelete();
    }

    /// <summary>At process exit there is no time for a graceful stop; the data is thrown away anyway.</summary>
    private void Stop()
    {
        RunScriptAsync("kill", _directory).GetAwaiter().GetResult();
        RunScriptAsync("stop", _directory).GetAwaiter().GetResult();
        TryDelete();
    }

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private void TryDelete()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static async Task RunScriptAsync(params string[] arguments)
    {
        var script = System.IO.Path.Combine(RepositoryRoot.Path, "scripts", "rabbitmq-node.sh");
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"rabbitmq-node.sh {string.Join(' ', arguments)} exited {process.ExitCode}: {await stderr}{await stdout}");
        }
    }

    /// <summary>
    /// An AMQP port whose derived ports (AMQPS = +2, mapper = -1200, distribution = +20000) are free too, all
    /// below the kernel's ephemeral range (32768 and up): a test host's Kestrel on port 0 takes ports from
    /// there, and once took the broker's port in the seconds the broker needs to open it.
    /// </summary>
    private static (int Amqp, int Management) FreePorts()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var amqp = Random.Shared.Next(3000, 12000);
            var management = amqp + 1;
            if (new[] { amqp, management, amqp + 2, amqp - 1200, amqp + 20000 }.All(IsFree))
            {
                return (amqp, management);
            }
        }

        throw new InvalidOperationException("No free ports for a private RabbitMQ node.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
