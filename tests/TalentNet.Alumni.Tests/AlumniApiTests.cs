using System.Net;
using System.Net.Http.Json;
using System.Text;
using TalentNet.ServiceDefaults.Auth;

namespace TalentNet.Alumni.Tests;

public sealed class AlumniApiTests(AlumniApp app) : IClassFixture<AlumniApp>
{
    [Fact]
    public async Task The_network_is_searchable_by_name_department_eligibility_and_status()
    {
        var department = $"Dept-{Guid.NewGuid():N}"[..14];
        var eligible = await app.Hr.DepartAsync(Api.Departure(department: department));
        await app.Hr.DepartAsync(Api.Departure(department: department, reason: "conduct"));
        var page = await Api.ReadAsync(await app.Hr.GetAsync($"/api/alumni?department={department}&eligibility=eligible"), HttpStatusCode.OK);
        Assert.Equal(eligible.Id("alumnusId"), Assert.Single(page.GetProperty("items").EnumerateArray()).Id("id"));
        var all = await Api.ReadAsync(await app.Hr.GetAsync($"/api/alumni?department={department}&status=alumnus&search=kari"), HttpStatusCode.OK);
        Assert.Equal(2, all.GetProperty("total").GetInt64());
        await Api.ReadAsync(await app.Hr.GetAsync("/api/alumni?status=retired"), HttpStatusCode.BadRequest);
        await Api.ReadAsync(await app.Hr.GetAsync($"/api/alumni/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_integrator_polls_the_network_with_updated_since()
    {
        var department = $"Dept-{Guid.NewGuid():N}"[..14];
        var unchanged = (await app.Hr.DepartAsync(Api.Departure(department: department))).Id("alumnusId");
        var edited = (await app.Hr.DepartAsync(Api.Departure(department: department))).Id("alumnusId");
        var since = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        await Api.ReadAsync(await Patch(edited, """{ "personalEmail": "polled@example.org" }"""), HttpStatusCode.OK);

        var query = Uri.EscapeDataString(since.ToString("O"));
        var page = await Api.ReadAsync(await app.As(Roles.Integration).GetAsync($"/api/alumni?department={department}&updatedSince={query}"), HttpStatusCode.OK);
        Assert.Equal(edited, Assert.Single(page.GetProperty("items").EnumerateArray()).Id("id"));
        var all = await Api.ReadAsync(await app.Hr.GetAsync($"/api/alumni?department={department}"), HttpStatusCode.OK);
        Assert.Contains(unchanged, all.GetProperty("items").EnumerateArray().Select(item => item.Id("id")));
    }

    [Fact]
    public async Task A_recruiters_search_never_shows_an_alumnus_who_opted_out_while_hr_still_finds_them()
    {
        var department = $"Out-{Guid.NewGuid():N}"[..16];
        var staying = (await app.Hr.DepartAsync(Api.Departure(department: department))).Id("alumnusId");
        var leaving = (await app.Hr.DepartAsync(Api.Departure(department: department))).Id("alumnusId");
        await Api.ReadAsync(await app.Hr.PostAsync($"/api/alumni/{leaving}/opt-out", null), HttpStatusCode.OK);

        async Task<List<Guid>> SearchAsync(HttpClient client) =>
            [.. (await Api.ReadAsync(await client.GetAsync($"/api/alumni?department={department}"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray().Select(item => item.Id())];

        Assert.Equal([staying], await SearchAsync(app.As(Roles.Recruiter)));
        Assert.Equal(1, (await Api.ReadAsync(await app.As(Roles.Recruiter).GetAsync($"/api/alumni?department={department}"), HttpStatusCode.OK)).GetProperty("total").GetInt64());
        Assert.Equal(new[] { staying, leaving }.Order(), (await SearchAsync(app.Hr)).Order());
    }

    [Fact]
    public async Task Hr_overrides_eligibility_only_with_a_note()
    {
        var departure = await app.Hr.DepartAsync(Api.Departure(reason: "performance"));
        var id = departure.Id("alumnusId");
        await Api.ReadAsync(await app.Hr.PutAsJsonAsync($"/api/alumni/{id}/eligibility", new { eligibility = "eligible" }), HttpStatusCode.BadRequest);
        await Api.ReadAsync(await app.Hr.PutAsJsonAsync($"/api/alumni/{id}/eligibility", new { eligibility = "maybe", note = "x" }), HttpStatusCode.BadRequest);
        var changed = await Api.ReadAsync(await app.Hr.PutAsJsonAsync($"/api/alumni/{id}/eligibility", new { eligibility = "eligible", note = "improved in final quarter" }), HttpStatusCode.OK);
        Assert.Equal(("eligible", "improved in final quarter"), (changed.Str("rehireEligibility"), changed.Str("eligibilityNote")));
        // As long as the API accepts, the column holds (the test database enforces SQL Server's lengths).
        var longest = await Api.ReadAsync(await app.Hr.PutAsJsonAsync($"/api/alumni/{id}/eligibility", new { eligibility = "eligible", note = new string('n', 1000) }), HttpStatusCode.OK);
        Assert.Equal(1000, longest.Str("eligibilityNote")!.Length);
        await Api.ReadAsync(await app.Hr.PutAsJsonAsync($"/api/alumni/{id}/eligibility", new { eligibility = "eligible", note = new string('n', 1001) }), HttpStatusCode.BadRequest);
        await Api.ReadAsync(await app.As(Roles.Recruiter).PutAsJsonAsync($"/api/alumni/{id}/eligibility", new { eligibility = "eligible", note = "n" }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Patch_changes_contact_details_and_consents_and_opt_out_withdraws_everything()
    {
        var id = (await app.Hr.DepartAsync(Api.Departure())).Id("alumnusId");
        var patched = await Api.ReadAsync(await Patch(id, """{ "personalEmail": "New.Mail@Example.org", "consents": { "referralAsk": false } }"""), HttpStatusCode.OK);
        Assert.Equal("new.mail@example.org", patched.Str("personalEmail"));
        Assert.False(patched.GetProperty("consents").GetProperty("referralAsk").GetBoolean());
        Assert.True(patched.GetProperty("consents").GetProperty("alumniNetwork").GetBoolean());
        await Api.ReadAsync(await Patch(id, """{ "consents": { "spam": true } }"""), HttpStatusCode.BadRequest);
        await Api.ReadAsync(await Patch(id, """{ "salary": 1 }"""), HttpStatusCode.BadRequest);
        var stale = new HttpRequestMessage(HttpMethod.Patch, $"/api/alumni/{id}") { Content = new StringContent("""{ "fullName": "K" }""", Encoding.UTF8, "application/json") };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        await Api.ReadAsync(await app.Hr.SendAsync(stale), HttpStatusCode.PreconditionFailed);

        var optedOut = await Api.ReadAsync(await app.Hr.PostAsync($"/api/alumni/{id}/opt-out", null), HttpStatusCode.OK);
        Assert.Equal("opted-out", optedOut.Str("status"));
        Assert.All(new[] { "alumniNetwork", "rehireOutreach", "recommendationRequest", "referralAsk" },
            consent => Assert.False(optedOut.GetProperty("consents").GetProperty(consent).GetBoolean()));
        await Api.ReadAsync(await Patch(id, """{ "consents": { "rehireOutreach": true } }"""), HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Referrals_need_consent_and_are_listed_with_their_outcome()
    {
        var withConsent = (await app.Hr.DepartAsync(Api.Departure())).Id("alumnusId");
        var withoutConsent = (await app.Hr.DepartAsync(Api.Departure(consent: false))).Id("alumnusId");
        var referral = new { candidateName = "Per Hansen", candidateEmail = "Per@Example.org", profileUrl = "https://www.linkedin.com/in/per", note = "great" };

        await Api.ReadAsync(await app.Hr.PostAsJsonAsync($"/api/alumni/{withoutConsent}/referrals", referral), HttpStatusCode.UnprocessableEntity);
        var created = await Api.ReadAsync(await app.Hr.PostAsJsonAsync($"/api/alumni/{withConsent}/referrals", referral), HttpStatusCode.Created);
        Assert.Equal(("referred", "per@example.org"), (created.Str("status"), created.Str("candidateEmail")));
        var list = await Api.ReadAsync(await app.Hr.GetAsync($"/api/alumni/{withConsent}/referrals"), HttpStatusCode.OK);
        Assert.Single(list.GetProperty("items").EnumerateArray());
        await Api.ReadAsync(await app.Hr.PostAsJsonAsync($"/api/alumni/{withConsent}/referrals", new { candidateName = "", candidateEmail = "x" }), HttpStatusCode.BadRequest);
        await Api.ReadAsync(await app.Hr.PostAsJsonAsync($"/api/alumni/{Guid.NewGuid()}/referrals", referral), HttpStatusCode.NotFound);
    }

    private Task<HttpResponseMessage> Patch(Guid id, string json) =>
        app.Hr.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"/api/alumni/{id}") { Content = new StringContent(json, Encoding.UTF8, "application/json") });
}
