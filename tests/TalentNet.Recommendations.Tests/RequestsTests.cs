using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TalentNet.Contracts;
using TalentNet.Recommendations.Features.Requests;
using TalentNet.ServiceDefaults.Auth;

namespace TalentNet.Recommendations.Tests;

public sealed class RequestsTests(RecommendationsHost host) : IClassFixture<RecommendationsHost>
{
    [Fact]
    public async Task A_departure_with_consent_creates_one_request_due_14_days_after_the_last_day_even_if_delivered_again()
    {
        var departed = RecommendationsHost.Departed();
        var again = departed with { EventId = Guid.NewGuid() };
        await host.PublishAsync(departed, again);
        await host.WaitForInboxAsync([departed, again]);

        var request = Assert.Single(await host.RequestsForAsync(departed.AlumnusId, 1));
        Assert.Equal(("requested", "2026-11-14", "ola.hansen@acme.example"), (request.GetProperty("status").GetString(), request.GetProperty("dueOn").GetString(), request.GetProperty("managerEmail").GetString()));
        Assert.Contains("urn:message:talentnet:recommendations:recommendation-requested:v1", await host.OutboxTypesAsync());
    }

    [Theory]
    [InlineData(RehireEligibility.NotEligible, true)]
    [InlineData(RehireEligibility.Eligible, false)]
    public async Task No_request_for_a_not_eligible_leaver_or_without_consent(RehireEligibility eligibility, bool consent)
    {
        var departed = RecommendationsHost.Departed(eligibility: eligibility, consent: consent);
        await host.PublishAsync(departed);
        await host.WaitForInboxAsync([departed]);
        var all = await host.Hr.GetFromJsonAsync<JsonElement>("/api/recommendation-requests?pageSize=100");
        Assert.DoesNotContain(all.GetProperty("items").EnumerateArray(), item => item.GetProperty("alumnusId").GetGuid() == departed.AlumnusId);
    }

    [Fact]
    public async Task The_own_manager_gives_publishes_and_other_managers_get_403()
    {
        var manager = $"m.{Guid.NewGuid():N}@acme.example";
        var departed = RecommendationsHost.Departed(manager: manager);
        await host.PublishAsync(departed);
        var id = (await host.RequestsForAsync(departed.AlumnusId, 1))[0].GetProperty("id").GetGuid();
        var give = new { text = "Kari mentored the whole team.", strengths = new[] { "mentoring" }, wouldRehire = true, publishedUrl = (string?)null };

        var other = host.Manager("someone.else@acme.example");
        await Read(await other.PostAsJsonAsync($"/api/recommendation-requests/{id}/give", give), HttpStatusCode.Forbidden);
        await Read(await other.GetAsync($"/api/recommendation-requests/{id}"), HttpStatusCode.Forbidden);
        var othersList = await other.GetFromJsonAsync<JsonElement>("/api/recommendation-requests?pageSize=100");
        Assert.DoesNotContain(othersList.GetProperty("items").EnumerateArray(), item => item.GetProperty("id").GetGuid() == id);
        await Read(await host.As(Roles.Recruiter).PostAsJsonAsync($"/api/recommendation-requests/{id}/give", give), HttpStatusCode.Forbidden);

        var own = host.Manager(manager.ToUpperInvariant());
        await Read(await own.PostAsJsonAsync($"/api/recommendation-requests/{id}/give", new { text = "" }), HttpStatusCode.BadRequest);
        var given = await Read(await own.PostAsJsonAsync($"/api/recommendation-requests/{id}/give", give), HttpStatusCode.OK);
        Assert.Equal("given", given.GetProperty("status").GetString());
        await Read(await own.PostAsJsonAsync($"/api/recommendation-requests/{id}/decline", new { reason = "changed my mind" }), HttpStatusCode.UnprocessableEntity);
        var published = await Read(await own.PostAsJsonAsync($"/api/recommendation-requests/{id}/publish", new { url = "https://www.linkedin.com/in/kari/details/recommendations" }), HttpStatusCode.OK);
        Assert.Equal("https://www.linkedin.com/in/kari/details/recommendations", published.GetProperty("publishedUrl").GetString());
        var types = await host.OutboxTypesAsync();
        Assert.Contains("urn:message:talentnet:recommendations:recommendation-given:v1", types);
        Assert.Contains("urn:message:talentnet:recommendations:recommendation-published:v1", types);
        await Read(await own.PostAsJsonAsync($"/api/recommendation-requests/{Guid.NewGuid()}/give", give), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Hr_may_decline_for_the_manager_and_the_reason_is_counted()
    {
        var departed = RecommendationsHost.Departed(department: $"D-{Guid.NewGuid():N}"[..10]);
        await host.PublishAsync(departed);
        var id = (await host.RequestsForAsync(departed.AlumnusId, 1))[0].GetProperty("id").GetGuid();
        var declined = await Read(await host.Hr.PostAsJsonAsync($"/api/recommendation-requests/{id}/decline", new { reason = "worked together too briefly" }), HttpStatusCode.OK);
        Assert.True(declined.GetProperty("onManagersBehalf").GetBoolean());
        await Read(await host.Manager(departed.ManagerEmail).GetAsync($"/api/recommendation-requests/{id}"), HttpStatusCode.OK);
        var audit = (await Read(await host.As(Roles.Admin).GetAsync($"/api/audit?subjectId={id}"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .Select(entry => (entry.GetProperty("action").GetString(), entry.GetProperty("actor").GetString())).ToList();
        Assert.Equal([("read", $"manager {departed.ManagerEmail}"), ("change", "hr hr@talentnet.example")], audit);
        await using (var connection = await host.Database.OpenAsync())
        {
            var payload = await Dapper.SqlMapper.ExecuteScalarAsync<string>(connection,
                "SELECT payload FROM outbox_messages WHERE message_type LIKE '%recommendation-declined%' AND payload LIKE '%' || @Id || '%'", new { Id = id.ToString() });
            var declinedEvent = JsonDocument.Parse(payload!).RootElement;
            Assert.True(declinedEvent.GetProperty("onManagersBehalf").GetBoolean());
            Assert.Equal(declined.GetProperty("actedBy").GetString(), declinedEvent.GetProperty("actedBy").GetString());
        }

        var stats = await host.Hr.GetFromJsonAsync<JsonElement>("/api/stats");
        Assert.True(stats.GetProperty("declineReasons").GetProperty("worked together too briefly").GetInt64() >= 1);
        var forRecruiters = await host.As(Roles.Recruiter).GetFromJsonAsync<JsonElement>("/api/stats");
        Assert.Equal(JsonValueKind.Null, forRecruiters.GetProperty("declineReasons").ValueKind);
        Assert.Equal(stats.GetProperty("overall").ToString(), forRecruiters.GetProperty("overall").ToString());
        var department = stats.GetProperty("byDepartment").EnumerateArray().Single(d => d.GetProperty("key").GetString() == departed.Department);
        Assert.Equal((1, 0), (department.GetProperty("requested").GetInt64(), department.GetProperty("given").GetInt64()));
    }

    [Fact]
    public async Task Reminders_go_out_at_their_offsets_and_an_unanswered_request_expires_on_the_fake_clock()
    {
        var departed = RecommendationsHost.Departed(lastDay: new DateOnly(2026, 11, 1));
        await host.PublishAsync(departed);
        var request = (await host.RequestsForAsync(departed.AlumnusId, 1))[0];
        var id = request.GetProperty("id").GetGuid();
        Assert.Equal("2026-11-15", request.GetProperty("dueOn").GetString());
        var schedule = host.Host.Services.GetRequiredService<ReminderSchedule>();
        int Reminders(List<string> types) => types.Count(type => type.EndsWith("recommendation-reminder-due:v1", StringComparison.Ordinal));
        var before = Reminders(await host.OutboxTypesAsync(id));
        Assert.Equal(0, before);

        host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 12, 0, 0, 1, TimeSpan.Zero)); // due - 3 days
        await schedule.RunDueAsync(CancellationToken.None);
        Assert.Equal(before + 1, Reminders(await host.OutboxTypesAsync(id)));
        await schedule.RunDueAsync(CancellationToken.None);
        Assert.Equal(before + 1, Reminders(await host.OutboxTypesAsync(id)));

        host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 23, 0, 0, 1, TimeSpan.Zero)); // due and due + 7
        await schedule.RunDueAsync(CancellationToken.None);
        Assert.Equal(3, Reminders(await host.OutboxTypesAsync(id)));
        var overdue = await host.Hr.GetFromJsonAsync<JsonElement>("/api/recommendation-requests?overdue=true&pageSize=100");
        Assert.Contains(overdue.GetProperty("items").EnumerateArray(), item => item.GetProperty("id").GetGuid() == id);

        host.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 15, 0, 0, 1, TimeSpan.Zero)); // due + 30
        await schedule.RunDueAsync(CancellationToken.None);
        var expired = await host.Hr.GetFromJsonAsync<JsonElement>($"/api/recommendation-requests/{id}");
        Assert.Equal("expired", expired.GetProperty("status").GetString());
        Assert.Contains("urn:message:talentnet:recommendations:recommendation-expired:v1", await host.OutboxTypesAsync(id));
        await schedule.RunDueAsync(CancellationToken.None);
        Assert.Equal(3, Reminders(await host.OutboxTypesAsync(id)));
    }

    [Fact]
    public async Task Hr_reassigns_an_open_request_and_asks_by_hand_after_a_later_consent_and_sees_who_acted()
    {
        var departed = RecommendationsHost.Departed(manager: $"old.{Guid.NewGuid():N}@acme.example") with { LinkedInUrl = "https://www.linkedin.com/in/kari-nordmann" };
        await host.PublishAsync(departed);
        var request = (await host.RequestsForAsync(departed.AlumnusId, 1))[0];
        var id = request.GetProperty("id").GetGuid();
        Assert.Equal(("Backend Developer", "https://www.linkedin.com/in/kari-nordmann", "yes"),
            (request.GetProperty("alumnusRole").GetString(), request.GetProperty("alumnusLinkedInUrl").GetString(), request.GetProperty("wouldReturn").GetString()));

        var newManager = $"new.{Guid.NewGuid():N}@acme.example";
        await Read(await host.Manager(departed.ManagerEmail).PostAsJsonAsync($"/api/recommendation-requests/{id}/reassign", new { managerEmail = newManager }), HttpStatusCode.Forbidden);
        await Read(await host.Hr.PostAsJsonAsync($"/api/recommendation-requests/{id}/reassign", new { managerEmail = "nobody" }), HttpStatusCode.BadRequest);
        var moved = await Read(await host.Hr.PostAsJsonAsync($"/api/recommendation-requests/{id}/reassign", new { managerEmail = newManager }), HttpStatusCode.OK);
        Assert.Equal((newManager, "hr hr@talentnet.example"), (moved.GetProperty("managerEmail").GetString(), moved.GetProperty("actedBy").GetString()));
        await Read(await host.Manager(departed.ManagerEmail).GetAsync($"/api/recommendation-requests/{id}"), HttpStatusCode.Forbidden);
        var given = await Read(await host.Manager(newManager).PostAsJsonAsync($"/api/recommendation-requests/{id}/give", new { text = "Kari is great.", wouldRehire = true }), HttpStatusCode.OK);
        Assert.Equal($"manager {newManager}", given.GetProperty("actedBy").GetString());
        Assert.False(given.GetProperty("onManagersBehalf").GetBoolean());
        await Read(await host.Hr.PostAsJsonAsync($"/api/recommendation-requests/{id}/reassign", new { managerEmail = departed.ManagerEmail }), HttpStatusCode.UnprocessableEntity);

        // Consent came later: HR asks by hand, due two weeks from today; one open request at a time.
        var later = RecommendationsHost.Departed(consent: false);
        await host.PublishAsync(later);
        await host.WaitForInboxAsync([later]);
        await Read(await host.Hr.PostAsJsonAsync("/api/recommendation-requests", new { alumnusId = later.AlumnusId }), HttpStatusCode.UnprocessableEntity);
        var consented = new TalentNet.Contracts.Alumni.AlumnusConsentChanged(Guid.NewGuid(), DateTimeOffset.UtcNow, later.AlumnusId, new AlumnusConsents(true, true, true, true), AlumnusStatus.Alumnus);
        await host.PublishAsync(consented);
        await host.WaitForInboxAsync([consented]);
        var byHand = await Read(await host.Hr.PostAsJsonAsync("/api/recommendation-requests", new { alumnusId = later.AlumnusId }), HttpStatusCode.Created);
        Assert.Equal(("requested", later.ManagerEmail, DateOnly.FromDateTime(host.Clock.GetUtcNow().UtcDateTime).AddDays(14).ToString("yyyy-MM-dd"), "hr hr@talentnet.example"),
            (byHand.GetProperty("status").GetString(), byHand.GetProperty("managerEmail").GetString(), byHand.GetProperty("dueOn").GetString(), byHand.GetProperty("actedBy").GetString()));
        await Read(await host.Hr.PostAsJsonAsync("/api/recommendation-requests", new { alumnusId = later.AlumnusId }), HttpStatusCode.Conflict);
        await Read(await host.Hr.PostAsJsonAsync("/api/recommendation-requests", new { alumnusId = Guid.NewGuid() }), HttpStatusCode.NotFound);
        await Read(await host.Manager(later.ManagerEmail).PostAsJsonAsync("/api/recommendation-requests", new { alumnusId = later.AlumnusId }), HttpStatusCode.Forbidden);
    }

    private static async Task<JsonElement> Read(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
