using System.Net;
using System.Net.Http.Json;
using System.Threading.Channels;
using MassTransit;
using RehireEligibility = TalentNet.Contracts.RehireEligibility;
using TalentNet.Candidates;
using TalentNet.Contracts.Alumni;
using TalentNet.Contracts.Candidates;
using TalentNet.Contracts.Recommendations;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.Testing;

namespace TalentNet.Candidates.Tests;

/// <summary>Candidates over a real broker: what it publishes and what it does with Alumni's and Recommendations' events.</summary>
public sealed class CandidatesEventsTests : IAsyncLifetime
{
    private readonly Channel<CandidateHired> _hired = Channel.CreateUnbounded<CandidateHired>();
    private string _url = null!;
    private ServiceHost<CandidatesProgram> _host = null!;
    private IBusControl _observer = null!;
    private HttpClient _recruiter = null!;

    public async Task InitializeAsync()
    {
        var broker = await RabbitMqBroker.GetAsync();
        _url = await broker.CreateVirtualHostAsync("candidates-events");
        _host = new ServiceHost<CandidatesProgram>(TestDatabase.NewPath("candidates-events"), _url);
        _recruiter = _host.CreateClient().As(Roles.Recruiter);
        var ready = await Eventually.WaitForAsync(() => _recruiter.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        _observer = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(new Uri(_url));
            rabbit.ReceiveEndpoint("observer", endpoint => endpoint.Handler<CandidateHired>(context => _hired.Writer.WriteAsync(context.Message).AsTask()));
        });
        await _observer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _observer.StopAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task A_hire_is_published_as_CandidateHired_with_the_applications_source()
    {
        var job = await Answer.CreatedAsync(await _recruiter.PostAsJsonAsync("/api/jobs", new { title = "Data Engineer", department = "Data", hiringManagerEmail = "ola@acme.example" }));
        var candidate = await Answer.CreatedAsync(await _recruiter.PostAsJsonAsync("/api/candidates", new { fullName = "Ada", email = $"ada.{Guid.NewGuid():N}@example.org" }));
        var application = await Answer.CreatedAsync(await _recruiter.PostAsJsonAsync("/api/applications", new
        {
            candidateId = candidate.Id(), jobId = job.Id(),
            source = new { channel = "linkedin", campaign = "autumn-2026", postUrl = "https://www.linkedin.com/posts/acme-1", sharedBy = "ola@acme.example" },
        }));
        await Answer.OkAsync(await _recruiter.PostAsJsonAsync($"/api/applications/{application.Id()}/stage", new { stage = "hired" }));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        CandidateHired hired;
        do
        {
            hired = await _hired.Reader.ReadAsync(timeout.Token);
        }
        while (hired.ApplicationId != application.Id());

        Assert.Equal(candidate.Id(), hired.CandidateId);
        Assert.Equal(job.Id(), hired.JobId);
        Assert.Equal(candidate.Str("email"), hired.Email);
        Assert.Equal("Data Engineer", hired.JobTitle);
        Assert.Equal((TalentNet.Contracts.Channel.LinkedIn, "autumn-2026", "https://www.linkedin.com/posts/acme-1", "ola@acme.example"),
            (hired.Source.Channel, hired.Source.Campaign, hired.Source.PostUrl, hired.Source.SharedBy));
    }

    [Fact]
    public async Task An_alumnus_referral_creates_the_candidate_and_an_alumni_referral_application_once()
    {
        var job = await Answer.CreatedAsync(await _recruiter.PostAsJsonAsync("/api/jobs", new { title = "Designer", department = "Design", hiringManagerEmail = "ola@acme.example" }));
        var alumnus = Guid.NewGuid();
        var email = $"referred.{Guid.NewGuid():N}@example.org";
        var referral = new AlumnusReferredCandidate(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), alumnus, "kari@example.org",
            "Per Hansen", email, "https://www.linkedin.com/in/per", job.Id(), "great designer");
        await PublishAsync(referral, referral.EventId);
        await PublishAsync(referral, referral.EventId); // a duplicate delivery changes nothing

        var found = await Eventually.WaitForAsync(
            () => _recruiter.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/applications?jobId={job.Id()}&channel=alumni-referral"),
            page => page.GetProperty("items").GetArrayLength() >= 1, TimeSpan.FromSeconds(30));
        await Task.Delay(500);
        found = await _recruiter.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/applications?jobId={job.Id()}&channel=alumni-referral");
        var application = Assert.Single(found.GetProperty("items").EnumerateArray());
        var referrer = application.GetProperty("source").GetProperty("referrer");
        Assert.Equal(("alumnus", alumnus.ToString()), (referrer.Str("kind"), referrer.Str("id")));
        var candidates = await _recruiter.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/candidates?search={email}");
        var candidate = Assert.Single(candidates.GetProperty("items").EnumerateArray());
        Assert.Equal("https://www.linkedin.com/in/per", candidate.GetProperty("profiles").Str("linkedin"));
    }

    [Fact]
    public async Task AlumnusApplied_flags_the_candidate_and_BoomerangInvited_opens_a_boomerang_application()
    {
        var job = await Answer.CreatedAsync(await _recruiter.PostAsJsonAsync("/api/jobs", new { title = "SRE", department = "Ops", hiringManagerEmail = "ola@acme.example" }));
        var candidate = await Answer.CreatedAsync(await _recruiter.PostAsJsonAsync("/api/candidates", new { fullName = "Kari", email = $"kari.{Guid.NewGuid():N}@example.org" }));
        var alumnus = Guid.NewGuid();
        var applied = new AlumnusApplied(Guid.NewGuid(), DateTimeOffset.UtcNow, alumnus, candidate.Id(), RehireEligibility.WithReview);
        await PublishAsync(applied, applied.EventId);
        var flagged = await Eventually.WaitForAsync(
            () => _recruiter.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/candidates/{candidate.Id()}"),
            c => c.GetProperty("formerEmployee").ValueKind != System.Text.Json.JsonValueKind.Null, TimeSpan.FromSeconds(30));
        Assert.Equal(alumnus, flagged.GetProperty("formerEmployee").GetProperty("alumnusId").GetGuid());
        Assert.Equal("with-review", flagged.GetProperty("formerEmployee").Str("rehireEligibility"));

        var invited = new BoomerangInvited(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), alumnus, job.Id(), "Kari", candidate.Str("email"), null, "recruiter@acme.example");
        await PublishAsync(invited, invited.EventId);
        var boomerang = await Eventually.WaitForAsync(
            () => _recruiter.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/applications?jobId={job.Id()}&channel=boomerang"),
            page => page.GetProperty("items").GetArrayLength() == 1, TimeSpan.FromSeconds(30));
        var application = Assert.Single(boomerang.GetProperty("items").EnumerateArray());
        Assert.Equal(candidate.Id(), application.GetProperty("candidateId").GetGuid());
        var read = await _recruiter.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/applications/{application.Id()}");
        Assert.Equal(alumnus, read.GetProperty("formerEmployee").GetProperty("alumnusId").GetGuid());
    }

    private async Task PublishAsync<T>(T message, Guid messageId)
        where T : class =>
        await _observer.Publish(message, context => context.MessageId = messageId);
}
