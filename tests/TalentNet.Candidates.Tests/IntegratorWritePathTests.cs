using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TalentNet.ServiceDefaults.Auth;

namespace TalentNet.Candidates.Tests;

/// <summary>What an ATS or HRIS with an integration key may do, and how it keeps in step.</summary>
public sealed class IntegratorWritePathTests(CandidatesApp app) : IClassFixture<CandidatesApp>
{
    [Fact]
    public async Task Upsert_by_external_id_creates_once_then_changes_only_what_changed()
    {
        var integration = app.As(Roles.Integration);
        var atsId = Guid.NewGuid().ToString("N");
        var url = $"/api/candidates/by-external-id/greenhouse/{atsId}";
        var body = new { fullName = "Siri Berg", email = $"siri.{atsId}@example.org", profiles = new { linkedin = "https://www.linkedin.com/in/siri-berg" } };

        var created = await Answer.CreatedAsync(await integration.PutAsJsonAsync(url, body));
        Assert.Equal(atsId, created.GetProperty("externalIds").Str("greenhouse"));
        var again = await Answer.OkAsync(await integration.PutAsJsonAsync(url, body));
        Assert.Equal(created.Id(), again.Id());
        Assert.Equal(created.GetProperty("version").GetInt32(), again.GetProperty("version").GetInt32());

        await Answer.OkAsync(await app.Recruiter.PatchAsync($"/api/candidates/{created.Id()}", JsonContent.Create(new { tags = new[] { "kept" } })));
        var changed = await Answer.OkAsync(await integration.PutAsJsonAsync(url, new
        {
            body.fullName, body.email, phone = "+47 911 11 111", externalIds = new { lever = $"lv-{atsId}" },
        }));
        Assert.Equal("+47 911 11 111", changed.Str("phone"));
        Assert.Equal(["kept"], changed.GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()));
        Assert.Equal("https://www.linkedin.com/in/siri-berg", changed.GetProperty("profiles").Str("linkedin"));
        Assert.Equal(atsId, changed.GetProperty("externalIds").Str("greenhouse"));
        Assert.Equal($"lv-{atsId}", changed.GetProperty("externalIds").Str("lever"));
        Assert.Equal(created.GetProperty("version").GetInt32() + 2, changed.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Upsert_adopts_the_candidate_with_that_email_and_refuses_to_split_a_person()
    {
        var integration = app.As(Roles.Integration);
        var known = await app.RegisterAsync();
        var adopted = await Answer.OkAsync(await integration.PutAsJsonAsync(
            "/api/candidates/by-external-id/ashby/a-1" + Guid.NewGuid().ToString("N")[..8], new { fullName = "Kari Nordmann", email = known.Str("email") }));
        Assert.Equal(known.Id(), adopted.Id());

        var other = await app.RegisterAsync();
        var owner = Guid.NewGuid().ToString("N");
        await Answer.CreatedAsync(await integration.PutAsJsonAsync($"/api/candidates/by-external-id/ashby/{owner}", new { fullName = "O", email = $"{owner}@x.example" }));
        var problem = await Answer.ProblemAsync(
            await integration.PutAsJsonAsync($"/api/candidates/by-external-id/ashby/{owner}", new { fullName = "O", email = other.Str("email") }),
            HttpStatusCode.Conflict);
        Assert.Equal($"/api/candidates/{other.Id()}", problem.Str("existing"));

        var badId = await integration.PutAsJsonAsync($"/api/candidates/by-external-id/ashby/{new string('x', 101)}", new { fullName = "O", email = "o@x.example" });
        Assert.True((await Answer.ProblemAsync(badId, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("externalId", out _));
    }

    [Fact]
    public async Task An_integration_key_registers_applies_and_moves_with_history_but_cannot_open_jobs_or_record_spend()
    {
        var integration = app.As(Roles.Integration);
        var job = await app.OpenJobAsync();
        var candidate = await Answer.CreatedAsync(await integration.PostAsJsonAsync("/api/candidates", new { fullName = "A", email = $"{Guid.NewGuid():N}@x.example" }));
        var appliedAt = DateTimeOffset.UtcNow.AddDays(-20);
        var application = await Answer.CreatedAsync(await integration.PostAsJsonAsync("/api/applications", new
        {
            candidateId = candidate.Id(), jobId = job.Id(), source = new { channel = "linkedin" }, appliedAt,
        }));
        Assert.Equal(appliedAt, application.GetProperty("createdAt").GetDateTimeOffset());
        Assert.True(application.GetProperty("updatedAt").GetDateTimeOffset() > appliedAt.AddDays(19), "updatedAt is when TalentNet learnt of it");
        await Answer.OkAsync(await integration.PostAsJsonAsync($"/api/applications/{application.Id()}/stage", new { stage = "interview", occurredAt = appliedAt.AddDays(3) }));

        await Answer.ProblemAsync(await integration.PostAsJsonAsync("/api/jobs", new
        {
            title = "T", department = "D", hiringManagerEmail = "m@acme.example",
        }), HttpStatusCode.Forbidden);
        await Answer.ProblemAsync(await integration.PostAsJsonAsync("/api/channel-spend", new
        {
            channel = "linkedin", month = "2026-01", amount = 10m,
        }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Polling_with_updated_since_finds_what_changed_including_history_recorded_late()
    {
        var integration = app.As(Roles.Integration);
        var job = await app.OpenJobAsync();
        var before = await app.RegisterAsync();
        var since = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        var after = await app.RegisterAsync();
        var late = await Answer.CreatedAsync(await integration.PostAsJsonAsync("/api/applications", new
        {
            candidateId = before.Id(), jobId = job.Id(), source = new { channel = "facebook" }, appliedAt = since.AddMonths(-2),
        }));
        await app.ApplyAsync(after.Id(), job.Id());

        var query = Uri.EscapeDataString(since.ToString("O"));
        var candidates = Ids(await Answer.OkAsync(await integration.GetAsync($"/api/candidates?updatedSince={query}&pageSize=100")));
        Assert.Contains(after.Id(), candidates);
        Assert.DoesNotContain(before.Id(), candidates);

        var applications = Ids(await Answer.OkAsync(await integration.GetAsync($"/api/applications?jobId={job.Id()}&updatedSince={query}")));
        Assert.Equal(2, applications.Count);
        Assert.Contains(late.Id(), applications);

        var ofOne = Ids(await Answer.OkAsync(await integration.GetAsync($"/api/applications?candidateId={before.Id()}")));
        Assert.Equal([late.Id()], ofOne);
        var future = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"));
        Assert.Empty(Ids(await Answer.OkAsync(await integration.GetAsync($"/api/applications?jobId={job.Id()}&updatedSince={future}"))));
        await Answer.ProblemAsync(await integration.GetAsync("/api/applications?updatedSince=yesterday"), HttpStatusCode.BadRequest);
    }

    private static List<Guid> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(item => item.Id()).ToList();
}
