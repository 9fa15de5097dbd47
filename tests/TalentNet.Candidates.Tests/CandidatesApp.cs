using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TalentNet.Candidates;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.Testing;

namespace TalentNet.Candidates.Tests;

/// <summary>The Candidates service in-process (no broker: events stay in the outbox) and helpers to drive it.</summary>
public sealed class CandidatesApp : IAsyncLifetime
{
    private ServiceHost<CandidatesProgram> _host = null!;

    public HttpClient Recruiter { get; private set; } = null!;

    public HttpClient Hr { get; private set; } = null!;

    public ServiceHost<CandidatesProgram> Host => _host;

    public Task InitializeAsync()
    {
        _host = new ServiceHost<CandidatesProgram>(TestDatabase.NewPath("candidates-api"), rabbitMqUrl: null);
        Recruiter = _host.CreateClient().As(Roles.Recruiter);
        Hr = _host.CreateClient().As(Roles.Hr);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public HttpClient As(string role) => _host.CreateClient().As(role);

    public async Task<JsonElement> OpenJobAsync(string department = "Engineering", object? pipeline = null)
    {
        var response = await Recruiter.PostAsJsonAsync("/api/jobs", new
        {
            title = "Backend Developer", department, location = "Oslo", skills = new[] { "csharp", "sql" },
            hiringManagerEmail = "ola.hansen@acme.example", pipeline,
        });
        return await Answer.CreatedAsync(response);
    }

    public async Task<JsonElement> RegisterAsync(string? email = null, object? externalIds = null, string[]? tags = null)
    {
        var response = await Recruiter.PostAsJsonAsync("/api/candidates", new
        {
            fullName = "Kari Nordmann", email = email ?? $"kari.{Guid.NewGuid():N}@example.org", phone = "+47 400 00 000",
            profiles = new { linkedin = "https://www.linkedin.com/in/kari-nordmann" }, tags = tags ?? ["backend"], externalIds,
        });
        return await Answer.CreatedAsync(response);
    }

    public async Task<JsonElement> ApplyAsync(Guid candidateId, Guid jobId, string channel = "linkedin", string? campaign = null, string? sharedBy = null)
    {
        var response = await Recruiter.PostAsJsonAsync("/api/applications", new
        {
            candidateId, jobId, source = new { channel, campaign, postUrl = "https://www.linkedin.com/posts/acme-1", sharedBy },
        });
        return await Answer.CreatedAsync(response);
    }

    public async Task<HttpResponseMessage> MoveAsync(Guid applicationId, string stage, string? reason = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/applications/{applicationId}/stage")
        {
            Content = JsonContent.Create(new { stage, reason, rejectionReason = stage == "rejected" ? "not-qualified" : null }),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await Recruiter.SendAsync(request);
    }
}
