using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Testing;

namespace TalentNet.Platform.Tests;

/// <summary>
/// A minimal service built from the shared defaults alone, with endpoints that answer each error
/// class, so the shared wiring is tested without any one service's features. It runs on Kestrel,
/// as in production, so that the server's own limits (the body size) are what is tested.
/// </summary>
public sealed class ProbeApp : IAsyncDisposable
{
    public const string IntegrationKey = "probe-integration-key-1234567890";

    /// <summary>Configured (its hash), but too weak to be accepted when presented.</summary>
    public const string WeakKey = "hrishrishrishrishrishrishrishrishris";

    /// <summary>A key that was valid until 2020.</summary>
    public const string ExpiredKey = "tn_expired_7f3c9a1e5b2d4f6a8c0e1b3d5f7a9c2e";

    private readonly WebApplication _app;

    private readonly Uri _address;

    private ProbeApp(WebApplication app)
    {
        _app = app;
        _address = new Uri(app.Urls.First());
    }

    public sealed record EchoRequest(string? Text);

    public static async Task<ProbeApp> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var configuration = new Dictionary<string, string?>
        {
            ["Auth:SigningKey"] = TestAuth.SigningKey,
            ["Auth:AllowSymmetricKey"] = "true",
            ["Auth:ApiKeys:0:Name"] = "hris",
            ["Auth:ApiKeys:0:Hash"] = ApiKeyAuthenticationHandler.Hash(IntegrationKey),
            ["Auth:ApiKeys:0:Role"] = Roles.Integration,
            ["Auth:ApiKeys:1:Name"] = "old-hris",
            ["Auth:ApiKeys:1:Hash"] = ApiKeyAuthenticationHandler.Hash(ExpiredKey),
            ["Auth:ApiKeys:1:ExpiresAt"] = "2020-01-01T00:00:00Z",
            ["Auth:ApiKeys:2:Name"] = "weak-hris",
            ["Auth:ApiKeys:2:Hash"] = ApiKeyAuthenticationHandler.Hash(WeakKey),
            ["Auth:ApiKeys:2:Role"] = Roles.Integration,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:TalentNet.ServiceDefaults.Problems"] = "Critical",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.AddServiceDefaults("probe", typeof(ProbeApp).Assembly);

        var app = builder.Build();
        app.UseServiceDefaults();
        app.MapGet("/api/probe", () => TypedResults.Ok(new { data = "personal" }));
        var probe = app.MapGroup("/probe");
        probe.MapGet("/anyone", (HttpContext http) => TypedResults.Ok(new { actor = http.Actor() }));
        probe.MapGet("/integration", () => TypedResults.Ok()).RequireRoles(Roles.Integration);
        probe.MapGet("/conflict", () => ApiProblems.Conflict("Already there.", "/probe/things/1"));
        probe.MapGet("/invalid", () => ApiProblems.InvalidTransition("Cannot go back."));
        probe.MapGet("/stale", () => ApiProblems.StaleVersion("\"7\""));
        probe.MapGet("/missing", () => ApiProblems.NotFound("Thing", 42));
        probe.MapGet("/boom", IResult () => throw new InvalidOperationException("connection string Password=hunter2"));
        probe.MapPost("/echo", (EchoRequest request) =>
            new Validation().Required("text", request.Text, 10) is { IsValid: false } invalid
                ? (IResult)invalid.ToProblem()
                : TypedResults.Ok(request));
        await app.StartAsync();
        return new ProbeApp(app);
    }

    public HttpClient CreateClient() => new() { BaseAddress = _address };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
