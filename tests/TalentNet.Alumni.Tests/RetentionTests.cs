using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TalentNet.Alumni.Features.Privacy;
using TalentNet.Audit.Retention;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.Testing;

namespace TalentNet.Alumni.Tests;

/// <summary>
/// Retention on a fake clock: exit-interview notes go a year after the last day, the rest of the record
/// stays; an alumnus who opted out is erased 30 days later unless under a legal hold.
/// </summary>
public sealed class RetentionTests(AlumniPageApp app) : IClassFixture<AlumniPageApp>
{
    [Fact]
    public async Task Exit_interview_notes_and_sentiment_are_removed_a_year_after_the_last_day_and_an_hris_retry_is_still_unchanged()
    {
        var personal = $"old.{Guid.NewGuid():N}@example.org";
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var old = Api.Departure(personalEmail: personal, lastDay: today.AddDays(-400).ToString("yyyy-MM-dd"), startedOn: "2019-01-01");
        await app.Hr.DepartAsync(old);
        var recent = $"recent.{Guid.NewGuid():N}@example.org";
        await app.Hr.DepartAsync(Api.Departure(personalEmail: recent, lastDay: today.AddDays(-300).ToString("yyyy-MM-dd"), startedOn: "2019-01-01"));

        var changed = await app.Host.Services.GetRequiredService<RetentionSweep>().RunAsync(CancellationToken.None);
        Assert.True(changed >= 1);
        var kept = await ExitInterviewAsync(personal);
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null, "yes"), (kept.GetProperty("notes").ValueKind, kept.GetProperty("sentiment").ValueKind, kept.Str("wouldReturn")));
        Assert.Equal("moving to Bergen", (await ExitInterviewAsync(recent)).Str("notes"));

        // The HRIS sends the same row again: still the same departure, its notes not brought back.
        Assert.Equal(HttpStatusCode.OK, (await app.Hr.PostAsJsonAsync("/api/departures", old)).StatusCode);
        Assert.Equal(JsonValueKind.Null, (await ExitInterviewAsync(personal)).GetProperty("notes").ValueKind);

        var rules = await Api.ReadAsync(await app.Hr.GetAsync("/api/privacy/retention"), HttpStatusCode.OK);
        var rule = rules.EnumerateArray().Single(item => item.Str("name") == ExitInterviewNotesRule.RuleName);
        Assert.Equal(app.Clock.GetUtcNow(), rule.GetProperty("lastRunAt").GetDateTimeOffset());
        Assert.Equal("365.00:00:00", rule.Str("keptFor"));
    }

    [Fact]
    public async Task An_alumnus_who_opted_out_is_erased_thirty_days_later_unless_hr_holds_them()
    {
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd");
        var leaving = (await app.Hr.DepartAsync(Api.Departure(lastDay: today))).Id("alumnusId");
        var held = (await app.Hr.DepartAsync(Api.Departure(lastDay: today))).Id("alumnusId");
        var staying = (await app.Hr.DepartAsync(Api.Departure(lastDay: today))).Id("alumnusId");
        foreach (var id in new[] { leaving, held })
        {
            await Api.ReadAsync(await app.Hr.PostAsync($"/api/alumni/{id}/opt-out", null), HttpStatusCode.OK);
        }

        await Api.ReadAsync(await app.Hr.PutAsJsonAsync($"/api/alumni/{held}/legal-hold", new { hold = true }), HttpStatusCode.OK);
        await Api.ReadAsync(await app.Hr.PutAsJsonAsync($"/api/alumni/{held}/legal-hold", new { }), HttpStatusCode.BadRequest);
        await Api.ReadAsync(await app.Hr.PutAsJsonAsync($"/api/alumni/{Guid.NewGuid()}/legal-hold", new { hold = true }), HttpStatusCode.NotFound);

        app.Clock.Advance(TimeSpan.FromDays(29));
        await app.Host.Services.GetRequiredService<RetentionSweep>().RunAsync(CancellationToken.None);
        Assert.Equal("Kari Nordmann", await NameAsync(leaving));

        app.Clock.Advance(TimeSpan.FromDays(2));
        await app.Host.Services.GetRequiredService<RetentionSweep>().RunAsync(CancellationToken.None);
        Assert.Equal("", await Eventually.WaitForAsync(() => NameAsync(leaving), name => name == "", TimeSpan.FromSeconds(30), 250));
        Assert.Equal("Kari Nordmann", await NameAsync(held));
        Assert.Equal("Kari Nordmann", await NameAsync(staying));

        var rules = await Api.ReadAsync(await app.Hr.GetAsync("/api/privacy/retention"), HttpStatusCode.OK);
        var rule = rules.EnumerateArray().Single(item => item.Str("name") == OptedOutAlumniRule.RuleName);
        Assert.Equal("30.00:00:00", rule.Str("keptFor"));
        Assert.True(rule.GetProperty("lastRunAt").GetDateTimeOffset() >= app.Clock.GetUtcNow().AddDays(-2));
    }

    [Fact]
    public async Task Hr_reads_a_legal_hold_on_the_alumnus_and_its_timeline_and_nobody_else_does()
    {
        var alumnusId = (await app.Hr.DepartAsync(Api.Departure())).Id("alumnusId");
        var recruiter = app.Host.CreateClient().As(Roles.Recruiter);
        var page = app.Browser();
        var token = Assert.Single(await app.LinksAsync(alumnusId)).Str("token");
        await Api.ReadAsync(await page.PostAsync($"/api/alumni-links/{token}/redeem", null), HttpStatusCode.OK);
        Assert.False((await Api.ReadAsync(await app.Hr.GetAsync($"/api/alumni/{alumnusId}"), HttpStatusCode.OK)).GetProperty("legalHold").GetBoolean());

        await Api.ReadAsync(await app.Hr.PutAsJsonAsync($"/api/alumni/{alumnusId}/legal-hold", new { hold = true }), HttpStatusCode.OK);
        Assert.True((await Api.ReadAsync(await app.Hr.GetAsync($"/api/alumni/{alumnusId}"), HttpStatusCode.OK)).GetProperty("legalHold").GetBoolean());
        var listed = await Api.ReadAsync(await app.Hr.GetAsync("/api/alumni?pageSize=100"), HttpStatusCode.OK);
        Assert.True(listed.GetProperty("items").EnumerateArray().Single(item => item.Id() == alumnusId).GetProperty("legalHold").GetBoolean());
        var hrTimeline = await Api.ReadAsync(await app.Hr.GetAsync($"/api/alumni/{alumnusId}/timeline?pageSize=100"), HttpStatusCode.OK);
        Assert.Contains(hrTimeline.GetProperty("items").EnumerateArray(), entry => entry.Str("kind") == "legal-hold" && entry.Str("detail") == "Put under a legal hold.");

        Assert.Equal(JsonValueKind.Null, (await Api.ReadAsync(await recruiter.GetAsync($"/api/alumni/{alumnusId}"), HttpStatusCode.OK)).GetProperty("legalHold").ValueKind);
        var recruiterTimeline = (await Api.ReadAsync(await recruiter.GetAsync($"/api/alumni/{alumnusId}/timeline?pageSize=100"), HttpStatusCode.OK)).ToString();
        Assert.DoesNotContain("legal", recruiterTimeline, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("record-reviewed", recruiterTimeline, StringComparison.Ordinal);
        var own = await Api.ReadAsync(await page.GetAsync("/api/alumni-page"), HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, own.GetProperty("alumnus").GetProperty("legalHold").ValueKind);

        await Api.ReadAsync(await app.Hr.PutAsJsonAsync($"/api/alumni/{alumnusId}/legal-hold", new { hold = false }), HttpStatusCode.OK);
        Assert.False((await Api.ReadAsync(await app.Hr.GetAsync($"/api/alumni/{alumnusId}"), HttpStatusCode.OK)).GetProperty("legalHold").GetBoolean());
    }

    private async Task<string> NameAsync(Guid alumnusId) =>
        (await Api.ReadAsync(await app.Hr.GetAsync($"/api/alumni/{alumnusId}"), HttpStatusCode.OK)).Str("fullName");

    private async Task<JsonElement> ExitInterviewAsync(string email)
    {
        var export = await Api.ReadAsync(await app.Hr.GetAsync($"/api/privacy/export?email={Uri.EscapeDataString(email)}"), HttpStatusCode.OK);
        return export.GetProperty("alumni")[0].GetProperty("departures")[0].GetProperty("asRecorded").GetProperty("exitInterview");
    }
}
