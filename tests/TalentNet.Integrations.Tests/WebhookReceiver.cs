using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TalentNet.Integrations.Tests;

/// <summary>One received webhook request, as the receiver saw it.</summary>
public sealed record Received(string Path, Dictionary<string, string> Headers, string Body, DateTimeOffset At)
{
    public HeaderDictionary HeaderDictionary()
    {
        var headers = new HeaderDictionary();
        foreach (var (name, value) in Headers)
        {
            headers[name] = value;
        }

        return headers;
    }
}

/// <summary>A subscriber's endpoint on a real socket: answers each path as told (status and delay by attempt) and keeps what arrived.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Func<int, (int Status, TimeSpan Delay)>> _answers = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<Received> Requests { get; } = new();

    public Uri Address => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/{name}", async (string name, HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            var headers = http.Request.Headers.ToDictionary(header => header.Key.ToLowerInvariant(), header => header.Value.ToString());
            var attempt = receiver.Requests.Count(request => request.Path == name && request.Headers["webhook-id"] == headers.GetValueOrDefault("webhook-id")) + 1;
            receiver.Requests.Enqueue(new Received(name, headers, body, DateTimeOffset.UtcNow));
            var (status, delay) = receiver._answers.TryGetValue(name, out var answer) ? answer(attempt) : (200, TimeSpan.Zero);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, http.RequestAborted);
            }

            return Results.StatusCode(status);
        });
        await app.StartAsync();
        return receiver;
    }

    /// <summary>How <paramref name="name"/> answers: by the attempt number of each webhook-id.</summary>
    public string Url(string name, Func<int, (int Status, TimeSpan Delay)>? answer = null)
    {
        if (answer is not null)
        {
            _answers[name] = answer;
        }

        return new Uri(Address, name).ToString();
    }

    public List<Received> At(string name) => Requests.Where(request => request.Path == name).ToList();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
