using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TalentNet.Testing;

namespace TalentNet.Gateway.Tests;

/// <summary>A destination that answers with what it received, to see exactly what the gateway forwards.</summary>
public sealed class EchoService : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EchoService(WebApplication app) => _app = app;

    public Uri Address => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public static async Task<EchoService> StartAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        app.Map("/{**rest}", (HttpContext http) => TypedResults.Ok(new
        {
            method = http.Request.Method,
            path = http.Request.Path.Value,
            authorization = http.Request.Headers.Authorization.ToString(),
            cookie = http.Request.Headers.Cookie.ToString(),
            signature = http.Request.Headers["Signature"].ToString(),
        }));
        await app.StartAsync();
        return new EchoService(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A real Candidates service on Kestrel and an echo service, behind a Development gateway.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    private ServiceHost<CandidatesProgram> _candidates = null!;

    public EchoService Echo { get; private set; } = null!;

    public GatewayHost Gateway { get; private set; } = null!;

    public Uri CandidatesAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _candidates = new ServiceHost<CandidatesProgram>(TestDatabase.NewPath("gateway-candidates"), rabbitMqUrl: null);
        CandidatesAddress = await _candidates.ListenAsync();
        Echo = await EchoService.StartAsync();
        Gateway = new GatewayHost("Development", new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:candidates:Destinations:service:Address"] = CandidatesAddress.ToString(),
            // The alumni route leads to the echo: what a service would receive, seen from inside.
            ["ReverseProxy:Clusters:alumni:Destinations:service:Address"] = Echo.Address.ToString(),
            ["ReverseProxy:Clusters:integrations:Destinations:service:Address"] = Echo.Address.ToString(),
        });
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Echo.DisposeAsync();
        await _candidates.DisposeAsync();
    }

    /// <summary>A browser signed in through the dev sign-in.</summary>
    public async Task<HttpClient> SignedInAsync(string role, string? email = null)
    {
        var browser = Gateway.Browser();
        var response = await browser.GetAsync($"/dev/sign-in?role={role}{(email is null ? "" : $"&email={Uri.EscapeDataString(email)}")}&returnUrl=/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }
}
