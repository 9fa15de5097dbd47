using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.Testing;

namespace TalentNet.Bench.Integrations;

/// <summary>
/// Events committed by the Candidates service at a steady rate (a candidate registered: its row and
/// CandidateRegistered in one transaction), relayed over RabbitMQ to the Integrations service and
/// sent to three subscribers. Latency: the event's OccurredAt (set in the committing transaction) to
/// its arrival at the subscriber, on one clock.
/// </summary>
public static class Outbound
{
    private static readonly string[] Registered = ["candidates.candidate-registered"];

    public static async Task RunAsync(int events, int rate, string directory)
    {
        var broker = await RabbitMqBroker.GetAsync();
        var url = await broker.CreateVirtualHostAsync("bench-outbound");
        Console.WriteLine($"broker: {broker.Description}");
        var quiet = new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning", ["Limits:PermitsPerWindow"] = "100000000" };
        await using var integrations = new ServiceHost<IntegrationsProgram>(Path.Combine(directory, "integrations.db"), url, new Dictionary<string, string?>(quiet)
        {
            ["Integrations:Webhooks:AllowPrivateTargets"] = "true",
        });
        await using var candidates = new ServiceHost<CandidatesProgram>(Path.Combine(directory, "candidates.db"), url, quiet);
        var admin = integrations.CreateClient().As(Roles.Admin);
        var recruiter = candidates.CreateClient().As(Roles.Recruiter);
        foreach (var client in new[] { admin, recruiter })
        {
            await Eventually.WaitForAsync(() => client.GetAsync("/health/ready"), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(60));
        }

        var arrivals = new ConcurrentBag<(int Subscriber, TimeSpan Latency)>();
        var receivers = new List<WebApplication>();
        for (var subscriber = 0; subscriber < 3; subscriber++)
        {
            var index = subscriber;
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            app.MapPost("/hook", async (HttpRequest request) =>
            {
                var arrived = DateTimeOffset.UtcNow;
                using var body = await JsonDocument.ParseAsync(request.Body);
                var occurred = body.RootElement.GetProperty("data").GetProperty("occurredAt").GetDateTimeOffset();
                arrivals.Add((index, arrived - occurred));
                return Results.NoContent();
            });
            await app.StartAsync();
            receivers.Add(app);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            (await admin.PostAsJsonAsync("/api/webhook-subscriptions", new { url = $"{address}/hook", eventTypes = Registered }))
                .EnsureSuccessStatusCode();
        }

        // Warm-up: the first events pay for JIT and connections.
        await SendAsync(recruiter, 200, rate, "warm");
        await Eventually.WaitForAsync(() => Task.FromResult(arrivals.Count), count => count >= 600, TimeSpan.FromSeconds(60));
        arrivals.Clear();

        var clock = Stopwatch.StartNew();
        await SendAsync(recruiter, events, rate, "run");
        var sent = clock.Elapsed;
        await Eventually.WaitForAsync(() => Task.FromResult(arrivals.Count), count => count >= events * 3, TimeSpan.FromMinutes(5), intervalMs: 250);
        var latencies = arrivals.Select(arrival => arrival.Latency.TotalMilliseconds).Order().ToList();
        Console.WriteLine();
        Console.WriteLine("| run | events | subscribers | deliveries | sent over s | p50 ms | p99 ms | max ms |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        Console.WriteLine($"| commit → signed delivery, steady {rate}/s | {events:N0} | 3 | {latencies.Count:N0} | {sent.TotalSeconds:F1} | {Percentile(latencies, 0.50):F0} | {Percentile(latencies, 0.99):F0} | {latencies[^1]:F0} |");
        Console.WriteLine($"target: p99 < 1000 ms; deliveries expected {events * 3:N0}");
        foreach (var app in receivers)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static async Task SendAsync(HttpClient recruiter, int events, int rate, string prefix)
    {
        using var gate = new SemaphoreSlim(32);
        var start = Stopwatch.StartNew();
        var pending = new List<Task>();
        for (var i = 0; i < events; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            if (due > start.Elapsed)
            {
                await Task.Delay(due - start.Elapsed);
            }

            await gate.WaitAsync();
            var n = i;
            pending.Add(Task.Run(async () =>
            {
                try
                {
                    (await recruiter.PostAsJsonAsync("/api/candidates", new { fullName = $"Bench {n}", email = $"{prefix}-{n}-{Guid.NewGuid():N}@bench.example" }))
                        .EnsureSuccessStatusCode();
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        await Task.WhenAll(pending);
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
