using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace TalentNet.Testing;

/// <summary>A real SMTP server in the test process (SmtpServer), on a port of its own; it can be stopped and started again on that port.</summary>
public sealed class TestMailServer : IAsyncDisposable
{
    private readonly Store _store = new();
    private CancellationTokenSource? _running;
    private Task? _serving;

    public int Port { get; } = FreePort();

    /// <summary>Every message accepted so far, in order.</summary>
    public IReadOnlyList<MimeMessage> Received => [.. _store.Messages];

    /// <summary>Runs when a message has been accepted, before the server answers 250.</summary>
    public Func<Task>? OnAccepted
    {
        get => _store.OnAccepted;
        set => _store.OnAccepted = value;
    }

    public void Start()
    {
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new ServiceProvider();
        services.Add(_store);
        _running = new CancellationTokenSource();
        _serving = new SmtpServer.SmtpServer(options, services).StartAsync(_running.Token);
    }

    public async Task StopAsync()
    {
        if (_running is null)
        {
            return;
        }

        await _running.CancelAsync();
        try
        {
            await _serving!;
        }
        catch (OperationCanceledException)
        {
        }

        _running.Dispose();
        _running = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Store : MessageStore
    {
        public ConcurrentQueue<MimeMessage> Messages { get; } = new();

        public Func<Task>? OnAccepted { get; set; }

        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            if (OnAccepted is { } accepted)
            {
                await accepted();
            }

            return SmtpResponse.Ok;
        }
    }
}
