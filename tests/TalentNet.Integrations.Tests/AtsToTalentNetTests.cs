using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TalentNet.ServiceDefaults.Auth;

namespace TalentNet.Integrations.Tests;

/// <summary>Greenhouse's sample deliveries over a real broker: Candidates applies them, and a hire comes back to Alumni as a boomerang.</summary>
public sealed class AtsToTalentNetTests : IAsyncLifetime
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(30);
    private ServiceHost<IntegrationsProgram> _integrations = null!;
    private ServiceHost<CandidatesProgram> _candidates = null!;
    private ServiceHost<AlumniProgram> _alumni = null!;

    public async Task InitializeAsync()
    {
        var broker = await RabbitMqBroker.GetAsync();
        var url = await broker.CreateVirtualHostAsync("ats-to-talentnet");
        _integrations = new ServiceHost<IntegrationsProgram>(TestDatabase.NewPath("ats-integrations"), url, IntegrationsApp.Secrets());
        _candidates = new ServiceHost<CandidatesProgram>(TestDatabase.NewPath("ats-candidates"), url, new Dictionary<string, string?>
        {
            ["Candidates:Ats:Stages:Assessment"] = "interview",
        });
        _alumni = new ServiceHost<AlumniProgram>(TestDatabase.NewPath("ats-alumni"), url);
        foreach (var client in new[] { _integrations.CreateClient(), _candidates.CreateClient(), _alumni.CreateClient() })
        {
            var ready = await Eventually.WaitForAsync(() => client.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(60));
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }
    }

    public async Task DisposeAsync()
    {
        await _integrations.DisposeAsync();
        await _candidates.DisposeAsync();
        await _alumni.DisposeAsync();
    }

    [Fact]
    public async Task Each_action_lands_with_the_ats_times_and_a_hire_of_a_leaver_is_a_boomerang()
    {
        var hr = _alumni.CreateClient().As(Roles.Hr);
        var departure = await Answer.CreatedAsync(await hr.PostAsJsonAsync("/api/departures", new
        {
            employeeId = "E-GH-1", fullName = "Johnny Smith", workEmail = "johnny.smith@acme.example", personalEmail = "personal@example.com",
            department = "Technology", role = "Developer", manager = new { name = "Ola Hansen", email = "ola.hansen@acme.example" },
            startedOn = "2010-01-04", lastDay = "2013-06-28", reason = "relocation",
            consents = new { alumniNetwork = true, rehireOutreach = true, recommendationRequest = true, referralAsk = true },
        }));
        var vendor = _integrations.CreateClient();
        await Answer.OkAsync(await vendor.SendAsync(Webhook.Greenhouse(Webhook.Fixture("greenhouse", "new_candidate_application"), eventId: "e2e-1")));
        await Answer.OkAsync(await vendor.SendAsync(Webhook.Greenhouse(Webhook.Fixture("greenhouse", "candidate_stage_change"), eventId: "e2e-2")));
        await Answer.OkAsync(await vendor.SendAsync(Webhook.Greenhouse(Webhook.Fixture("greenhouse", "hire_candidate"), eventId: "e2e-3")));

        var recruiter = _candidates.CreateClient().As(Roles.Recruiter);
        var applied = await ApplicationOfAsync(recruiter, "person@example.com");
        Assert.Equal(("linkedin", "LinkedIn (Prospecting)"), (applied.GetProperty("source").Str("channel"), applied.GetProperty("source").Str("campaign")));
        Assert.Equal(At("2017-10-27T14:44:43Z"), applied.GetProperty("createdAt").GetDateTimeOffset());
        Assert.Equal("screening", applied.Str("stage"));

        var moved = await ApplicationOfAsync(recruiter, "giuseppe.hurley@example.com");
        Assert.Equal(("interview", "agency"), (moved.Str("stage"), moved.GetProperty("source").Str("channel")));
        Assert.Equal(At("2015-02-09T16:38:36Z"), moved.GetProperty("history").EnumerateArray().Last().GetProperty("changedAt").GetDateTimeOffset());
        Assert.Equal(At("2013-03-22T00:00:00Z"), moved.GetProperty("createdAt").GetDateTimeOffset());

        var hired = await ApplicationOfAsync(recruiter, "personal@example.com");
        Assert.Equal(("hired", "job-board"), (hired.Str("stage"), hired.GetProperty("source").Str("channel")));
        Assert.Equal(At("2014-11-20T22:49:14Z"), hired.GetProperty("hiredAt").GetDateTimeOffset());
        var job = await Answer.OkAsync(await recruiter.GetAsync($"/api/jobs/{hired.Id("jobId")}"));
        Assert.Equal(("Developer", "Technology"), (job.Str("title"), job.Str("department")));

        var back = await Eventually.WaitForAsync(
            async () => await Answer.OkAsync(await hr.GetAsync($"/api/alumni/{departure.Id("alumnusId")}")), alumnus => alumnus.Str("status") == "returned", Soon);
        Assert.Equal("2014-11-20", back.GetProperty("return").Str("returnedOn"));
        Assert.Equal(16, back.GetProperty("return").GetProperty("monthsAway").GetInt32());

        // The same deliveries again (the vendor retried, or an operator replayed) change nothing.
        foreach (var delivery in (await Answer.OkAsync(await _integrations.CreateClient().As(Roles.Admin).GetAsync("/api/webhook-deliveries"))).GetProperty("items").EnumerateArray())
        {
            await Answer.OkAsync(await _integrations.CreateClient().As(Roles.Admin).PostAsync($"/api/webhook-deliveries/{delivery.Id()}/replay", null));
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        var all = await Answer.OkAsync(await recruiter.GetAsync("/api/applications?pageSize=100"));
        Assert.Equal(3, all.GetProperty("items").GetArrayLength());
        Assert.Equal(hired.GetProperty("version").GetInt32(), (await ApplicationOfAsync(recruiter, "personal@example.com")).GetProperty("version").GetInt32());
    }

    private static async Task<JsonElement> ApplicationOfAsync(HttpClient recruiter, string email)
    {
        var candidates = await Eventually.WaitForAsync(
            async () => await Answer.OkAsync(await recruiter.GetAsync($"/api/candidates?search={Uri.EscapeDataString(email)}")),
            page => page.GetProperty("total").GetInt64() == 1, Soon);
        var candidate = candidates.GetProperty("items")[0];
        Assert.False(string.IsNullOrEmpty(candidate.GetProperty("externalIds").Str("greenhouse")));
        var page = await Eventually.WaitForAsync(
            async () => await Answer.OkAsync(await recruiter.GetAsync($"/api/applications?candidateId={candidate.Id()}")),
            found => found.GetProperty("items").GetArrayLength() == 1 && found.GetProperty("items")[0].Str("stage") != "sourced", Soon);
        return await Answer.OkAsync(await recruiter.GetAsync($"/api/applications/{page.GetProperty("items")[0].Id()}"));
    }

    private static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture);
}
