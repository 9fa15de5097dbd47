using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TalentNet.Alumni;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.Testing;

namespace TalentNet.Alumni.Tests;

/// <summary>The Alumni service in-process without a broker (events stay in its outbox).</summary>
public sealed class AlumniApp : IAsyncLifetime
{
    public ServiceHost<AlumniProgram> Host { get; private set; } = null!;

    public HttpClient Hr { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Host = new ServiceHost<AlumniProgram>(TestDatabase.NewPath("alumni-api"), rabbitMqUrl: null);
        Hr = Host.CreateClient().As(Roles.Hr);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    public HttpClient As(string role) => Host.CreateClient().As(role);
}

internal static class Api
{
    public static object Departure(string? employeeId = null, string reason = "relocation", string lastDay = "2026-10-31",
        bool consent = true, string? personalEmail = null, string department = "Engineering", string startedOn = "2021-03-01") => new
    {
        employeeId = employeeId ?? $"E-{Guid.NewGuid():N}"[..12],
        fullName = "Kari Nordmann",
        workEmail = $"kari.{Guid.NewGuid():N}@acme.example",
        personalEmail = personalEmail ?? $"kari.{Guid.NewGuid():N}@example.org",
        department,
        role = "Backend Developer",
        manager = new { name = "Ola Hansen", email = "ola.hansen@acme.example" },
        startedOn,
        lastDay,
        reason,
        exitInterview = new { wouldReturn = "yes", sentiment = "positive", notes = "moving to Bergen" },
        linkedInUrl = "https://www.linkedin.com/in/kari-nordmann",
        consents = new { alumniNetwork = consent, rehireOutreach = consent, recommendationRequest = consent, referralAsk = consent },
        skills = new[] { "csharp", "sql" },
    };

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        if ((int)status >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<JsonElement> DepartAsync(this HttpClient client, object departure) =>
        await ReadAsync(await client.PostAsJsonAsync("/api/departures", departure), HttpStatusCode.Created);

}
