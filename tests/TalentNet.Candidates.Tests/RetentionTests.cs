using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TalentNet.Audit.Retention;
using TalentNet.Candidates.Features.Privacy;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.Testing;

namespace TalentNet.Candidates.Tests;

/// <summary>
/// Retention on a fake clock: a candidate never hired is anonymized 24 months after their last
/// activity (their record's or an application's last change); a hire, or activity since, keeps them.
/// The applications stay, so the funnel counts the same.
/// </summary>
public sealed class RetentionTests
{
    [Fact]
    public async Task A_candidate_never_hired_is_anonymized_24_months_after_the_last_activity_and_the_funnel_counts_the_same()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        await using var host = new ServiceHost<CandidatesProgram>(TestDatabase.NewPath("retention"), null, services: services => services.AddSingleton<TimeProvider>(clock));
        var admin = host.CreateClient().As(Roles.Admin);
        var job = (await Answer.CreatedAsync(await admin.PostAsJsonAsync("/api/jobs", new
        {
            title = "Nurse", department = "Care", skills = new[] { "care" }, hiringManagerEmail = "mgr@acme.example",
        }))).Id();
        async Task<(Guid Candidate, Guid Application)> ApplyAsync(string name)
        {
            var candidate = (await Answer.CreatedAsync(await admin.PostAsJsonAsync("/api/candidates", new { fullName = name, email = $"{Guid.NewGuid():N}@example.org", phone = "+47 912 34 567" }))).Id();
            var application = (await Answer.CreatedAsync(await admin.PostAsJsonAsync("/api/applications", new { candidateId = candidate, jobId = job, source = new { channel = "facebook" } }))).Id();
            return (candidate, application);
        }

        var forgotten = await ApplyAsync("Old Applicant");
        var hired = await ApplyAsync("Hired Person");
        await Answer.OkAsync(await admin.PostAsJsonAsync($"/api/applications/{hired.Application}/stage", new { stage = "hired" }));
        var active = await ApplyAsync("Active Applicant");

        clock.Advance(TimeSpan.FromDays(700));
        await Answer.OkAsync(await admin.PostAsJsonAsync($"/api/applications/{active.Application}/stage", new { stage = "screening" }));
        var funnel = await admin.GetStringAsync("/api/stats/funnel");
        var sweep = host.Services.GetRequiredService<RetentionSweep>();
        clock.Advance(TimeSpan.FromDays(29));
        await sweep.RunAsync(CancellationToken.None);
        Assert.Equal("Old Applicant", await NameAsync(forgotten.Candidate));

        clock.Advance(TimeSpan.FromDays(2));
        await sweep.RunAsync(CancellationToken.None);
        var anonymized = await Answer.OkAsync(await admin.GetAsync($"/api/candidates/{forgotten.Candidate}"));
        Assert.Equal(("", "", JsonValueKind.Null), (anonymized.Str("fullName"), anonymized.Str("email"), anonymized.GetProperty("phone").ValueKind));
        Assert.Equal("Hired Person", await NameAsync(hired.Candidate));
        Assert.Equal("Active Applicant", await NameAsync(active.Candidate));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/applications/{forgotten.Application}")).StatusCode);
        Assert.Equal(
            JsonDocument.Parse(funnel).RootElement.GetProperty("channels").ToString(),
            JsonDocument.Parse(await admin.GetStringAsync("/api/stats/funnel")).RootElement.GetProperty("channels").ToString());

        var rules = await Answer.OkAsync(await host.CreateClient().As(Roles.Hr).GetAsync("/api/privacy/retention"));
        var rule = rules.EnumerateArray().Single(item => item.Str("name") == CandidatesWithoutHireRule.RuleName);
        Assert.Equal(("730.00:00:00", clock.GetUtcNow()), (rule.Str("keptFor"), rule.GetProperty("lastRunAt").GetDateTimeOffset()));

        async Task<string> NameAsync(Guid id) => (await Answer.OkAsync(await admin.GetAsync($"/api/candidates/{id}"))).Str("fullName");
    }
}
