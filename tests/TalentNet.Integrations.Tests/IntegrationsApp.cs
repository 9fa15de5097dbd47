using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TalentNet.ServiceDefaults.Auth;

namespace TalentNet.Integrations.Tests;

/// <summary>The Integrations service in-process with a secret per vendor (no broker: events stay in the outbox).</summary>
public sealed class IntegrationsApp : IAsyncLifetime
{
    public const string GreenhouseKey = "greenhouse-test-secret-0123456789";
    public const string AshbyKey = "ashby-test-secret-0123456789";
    public const string LeverToken = "lever-test-signature-token-0123456789";

    public ServiceHost<IntegrationsProgram> Host { get; private set; } = null!;

    public HttpClient Operator { get; private set; } = null!;

    public static Dictionary<string, string?> Secrets(string? rabbitMqUrl = null) => new()
    {
        ["Integrations:Greenhouse:SecretKey"] = GreenhouseKey,
        ["Integrations:Ashby:SecretKey"] = AshbyKey,
        ["Integrations:Lever:SignatureToken"] = LeverToken,
    };

    public Task InitializeAsync()
    {
        Host = new ServiceHost<IntegrationsProgram>(TestDatabase.NewPath("integrations"), rabbitMqUrl: null, Secrets());
        Operator = Host.CreateClient().As(Roles.Integration);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    public T Service<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();
}

/// <summary>Deliveries signed the way each vendor signs them.</summary>
public static class Webhook
{
    public static string Fixture(string vendor, string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", vendor, $"{name}.json"));

    public static string Hmac(string key, string data) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(data)));

    public static HttpRequestMessage GreenhouseSignedAs(string body, string? signature, string? eventId = null)
    {
        var request = Post("/webhooks/greenhouse", body);
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("Signature", $"sha256 {signature}");
        }

        if (eventId is not null)
        {
            request.Headers.TryAddWithoutValidation("Greenhouse-Event-ID", eventId);
        }

        return request;
    }

    public static HttpRequestMessage Greenhouse(string body, string? eventId = null) =>
        GreenhouseSignedAs(body, Hmac(IntegrationsApp.GreenhouseKey, body), eventId);

    public static HttpRequestMessage AshbySignedAs(string body, string? signature)
    {
        var request = Post("/webhooks/ashby", body);
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("Ashby-Signature", $"sha256={signature}");
        }

        return request;
    }

    public static HttpRequestMessage Ashby(string body) => AshbySignedAs(body, Hmac(IntegrationsApp.AshbyKey, body));

    private static HttpRequestMessage Post(string path, string body) =>
        new(HttpMethod.Post, path) { Content = new StringContent(body, new MediaTypeHeaderValue("application/json")) };
}
