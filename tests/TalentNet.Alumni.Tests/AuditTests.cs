using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TalentNet.ServiceDefaults.Auth;

namespace TalentNet.Alumni.Tests;

/// <summary>The audit log: who read someone's exit-interview data and who changed their record, for admins.</summary>
public sealed class AuditTests(AlumniApp app) : IClassFixture<AlumniApp>
{
    [Fact]
    public async Task Reads_of_sensitive_data_and_every_change_are_logged_with_actor_and_record_but_a_recruiters_read_is_not()
    {
        var alumnusId = (await app.Hr.DepartAsync(Api.Departure())).Id("alumnusId");
        await Api.ReadAsync(await app.Hr.GetAsync($"/api/alumni/{alumnusId}"), HttpStatusCode.OK);
        await Api.ReadAsync(await app.As(Roles.Recruiter).GetAsync($"/api/alumni/{alumnusId}"), HttpStatusCode.OK);
        await Api.ReadAsync(await app.Hr.PutAsJsonAsync($"/api/alumni/{alumnusId}/eligibility", new { eligibility = "eligible", note = "ok" }), HttpStatusCode.OK);
        await Api.ReadAsync(await app.Hr.PutAsJsonAsync($"/api/alumni/{Guid.NewGuid()}/eligibility", new { eligibility = "eligible", note = "ok" }), HttpStatusCode.NotFound);

        var log = await Api.ReadAsync(await app.As(Roles.Admin).GetAsync($"/api/audit?subjectId={alumnusId}"), HttpStatusCode.OK);
        var entries = log.GetProperty("items").EnumerateArray()
            .Select(entry => (entry.Str("action"), entry.Str("actor"), entry.Str("operation"), entry.GetProperty("status").GetInt32())).ToList();
        Assert.Equal(
            [("change", "hr hr@talentnet.example", "PUT /api/alumni/{id:guid}/eligibility", 200), ("read", "hr hr@talentnet.example", "GET /api/alumni/{id:guid}", 200)],
            entries);
        Assert.DoesNotContain("Kari", log.ToString(), StringComparison.Ordinal);
        await Api.ReadAsync(await app.Hr.GetAsync("/api/audit"), HttpStatusCode.Forbidden);
        var all = await Api.ReadAsync(await app.As(Roles.Admin).GetAsync("/api/audit?pageSize=100"), HttpStatusCode.OK);
        Assert.Contains(all.GetProperty("items").EnumerateArray(), entry => entry.Str("operation").StartsWith("POST /api/departures", StringComparison.Ordinal) && entry.Str("action") == "change");
    }
}
