using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TalentNet.ServiceDefaults.Auth;

namespace TalentNet.Candidates.Tests;

/// <summary>GET /r/{token}: the redirect a post carries, counted per click and per visitor and day, and the job's links with what they brought.</summary>
public sealed class TrackingLinkClickTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero));
    private ServiceHost<CandidatesProgram> _host = null!;
    private HttpClient _recruiter = null!;

    public Task InitializeAsync()
    {
        _host = new ServiceHost<CandidatesProgram>(TestDatabase.NewPath("tracking-clicks"), rabbitMqUrl: null, new Dictionary<string, string?>
        {
            ["Candidates:CareersUrl"] = "https://careers.acme.example/",
        }, services => services.AddSingleton<TimeProvider>(_clock));
        _recruiter = _host.CreateClient().As(Roles.Recruiter);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_click_redirects_with_utm_parameters_and_counts_once_per_visitor_and_day()
    {
        var job = await Answer.CreatedAsync(await _recruiter.PostAsJsonAsync("/api/jobs", new
        {
            title = "Data Engineer", department = "Data", hiringManagerEmail = "ola@acme.example", postingUrl = "https://careers.acme.example/jobs/42?lang=en",
        }));
        var link = await Answer.CreatedAsync(await _recruiter.PostAsJsonAsync($"/api/jobs/{job.Id()}/tracking-links", new { channel = "linkedin", campaign = "autumn" }));
        var token = link.Str("token");

        var first = await Click(token, "Firefox");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("https://careers.acme.example/jobs/42?lang=en&utm_source=linkedin&utm_medium=social&utm_campaign=autumn", first.Headers.Location!.ToString());
        await Click(token, "Firefox");
        await Click(token, "Safari");
        _clock.Advance(TimeSpan.FromDays(1));
        await Click(token, "Firefox");

        var candidate = await Answer.CreatedAsync(await _recruiter.PostAsJsonAsync("/api/candidates", new { fullName = "A", email = $"{Guid.NewGuid():N}@x.example" }));
        var application = await Answer.CreatedAsync(await _recruiter.PostAsJsonAsync("/api/applications", new { candidateId = candidate.Id(), jobId = job.Id(), trackingToken = token }));
        await Answer.OkAsync(await _recruiter.PostAsJsonAsync($"/api/applications/{application.Id()}/stage", new { stage = "hired" }));
        await Answer.CreatedAsync(await _host.CreateClient().As(Roles.Hr).PostAsJsonAsync("/api/channel-spend", new
        {
            channel = "linkedin", campaign = "autumn", month = "2026-11", amount = 5000m, currency = "NOK",
        }));

        var links = await Answer.OkAsync(await _recruiter.GetAsync($"/api/jobs/{job.Id()}/tracking-links"));
        var row = Assert.Single(links.GetProperty("links").EnumerateArray());
        Assert.Equal((4L, 3L, 1L, 1L), (row.GetProperty("clicks").GetInt64(), row.GetProperty("uniqueVisitors").GetInt64(),
            row.GetProperty("applications").GetInt64(), row.GetProperty("hires").GetInt64()));
        Assert.Equal(5000m, row.GetProperty("campaign").GetProperty("costPerHire").GetDecimal());
    }

    [Fact]
    public async Task An_unknown_token_is_404_and_a_closed_job_leads_to_the_careers_page()
    {
        await Answer.ProblemAsync(await Click("nope", "Firefox"), HttpStatusCode.NotFound);
        await Answer.ProblemAsync(await Click(new string('x', 300), "Firefox"), HttpStatusCode.NotFound);

        var job = await Answer.CreatedAsync(await _recruiter.PostAsJsonAsync("/api/jobs", new
        {
            title = "Closed", department = "Data", hiringManagerEmail = "ola@acme.example", postingUrl = "https://careers.acme.example/jobs/7",
        }));
        var token = (await Answer.CreatedAsync(await _recruiter.PostAsJsonAsync($"/api/jobs/{job.Id()}/tracking-links", new { channel = "job-board" }))).Str("token");
        await Answer.OkAsync(await _recruiter.PostAsJsonAsync($"/api/jobs/{job.Id()}/close", new { }));
        var closed = await Click(token, "Firefox");
        Assert.Equal($"https://careers.acme.example/?utm_source=job-board&utm_medium=job-board&utm_campaign={token}", closed.Headers.Location!.ToString());
        await Answer.ProblemAsync(await _recruiter.GetAsync($"/api/jobs/{Guid.NewGuid()}/tracking-links"), HttpStatusCode.NotFound);
    }

    private async Task<HttpResponseMessage> Click(string token, string userAgent)
    {
        using var browser = _host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var request = new HttpRequestMessage(HttpMethod.Get, $"/r/{token}");
        request.Headers.UserAgent.ParseAdd(userAgent);
        return await browser.SendAsync(request);
    }
}
