using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TalentNet.Alumni;
using TalentNet.Candidates;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.Testing;

namespace TalentNet.Recommendations.Tests;

/// <summary>
/// The product's core story across the three services and a real broker: a leaver gets a
/// recommendation from the former manager, is matched to a new job, invited back and hired.
/// </summary>
public sealed class CoreStoryTests
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Departure_recommendation_match_invite_and_hire_make_a_boomerang()
    {
        var broker = await RabbitMqBroker.GetAsync();
        var url = await broker.CreateVirtualHostAsync("core-story");
        await using var alumniService = new ServiceHost<AlumniProgram>(TestDatabase.NewPath("story-alumni"), url);
        await using var candidatesService = new ServiceHost<CandidatesProgram>(TestDatabase.NewPath("story-candidates"), url);
        await using var recommendationsService = new ServiceHost<RecommendationsProgram>(TestDatabase.NewPath("story-recommendations"), url);
        var hr = alumniService.CreateClient().As(Roles.Hr);
        var recruiter = candidatesService.CreateClient().As(Roles.Recruiter);
        var matcher = recommendationsService.CreateClient().As(Roles.Recruiter);
        var manager = recommendationsService.CreateClient().As(Roles.Manager, "ola.hansen@acme.example");
        foreach (var client in new[] { hr, recruiter, matcher })
        {
            Assert.Equal(HttpStatusCode.OK, (await Eventually.WaitForAsync(() => client.GetAsync("/health/ready"), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(60))).StatusCode);
        }

        // HR records that Kari leaves; she consents to everything.
        var personalEmail = $"kari.{Guid.NewGuid():N}@example.org";
        var lastDay = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-40);
        var departure = await Read(await hr.PostAsJsonAsync("/api/departures", new
        {
            employeeId = $"E-{Guid.NewGuid():N}"[..12], fullName = "Kari Nordmann", workEmail = $"kari.{Guid.NewGuid():N}@acme.example", personalEmail,
            department = "Engineering", role = "Backend Developer", manager = new { name = "Ola Hansen", email = "ola.hansen@acme.example" },
            startedOn = "2021-03-01", lastDay = lastDay.ToString("yyyy-MM-dd"), reason = "relocation",
            exitInterview = new { wouldReturn = "yes", sentiment = "positive" }, linkedInUrl = "https://www.linkedin.com/in/kari-nordmann",
            consents = new { alumniNetwork = true, rehireOutreach = true, recommendationRequest = true, referralAsk = true },
            skills = new[] { "csharp", "sql" },
        }), HttpStatusCode.Created);
        var alumnusId = departure.GetProperty("alumnusId").GetGuid();

        // Within seconds her former manager has a recommendation request, and gives it.
        var requests = await Eventually.WaitForAsync(() => manager.GetFromJsonAsync<JsonElement>("/api/recommendation-requests"),
            page => page.GetProperty("items").EnumerateArray().Any(r => r.GetProperty("alumnusId").GetGuid() == alumnusId), Soon);
        var request = requests.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("alumnusId").GetGuid() == alumnusId);
        await Read(await manager.PostAsJsonAsync($"/api/recommendation-requests/{request.GetProperty("id").GetGuid()}/give",
            new { text = "Kari is the colleague everyone asks.", strengths = new[] { "mentoring" }, wouldRehire = true }), HttpStatusCode.OK);

        // Alumni shows the recommendation on her record and timeline.
        var alumnus = await Eventually.WaitForAsync(() => hr.GetFromJsonAsync<JsonElement>($"/api/alumni/{alumnusId}"),
            a => a.GetProperty("recommendationStatus").GetString() == "given", Soon);
        Assert.Equal("given", alumnus.GetProperty("recommendationStatus").GetString());
        var timeline = await hr.GetFromJsonAsync<JsonElement>($"/api/alumni/{alumnusId}/timeline");
        Assert.Contains(timeline.GetProperty("items").EnumerateArray(), entry => entry.GetProperty("kind").GetString() == "recommendation-given");

        // A recruiter opens a job; Kari is among its alumni matches; the recruiter invites her back.
        var job = await Read(await recruiter.PostAsJsonAsync("/api/jobs", new
        {
            title = "Senior Backend Developer", department = "Engineering", skills = new[] { "csharp", "sql" }, hiringManagerEmail = "ola.hansen@acme.example",
        }), HttpStatusCode.Created);
        var jobId = job.GetProperty("id").GetGuid();
        var matches = await Eventually.WaitForAsync(() => matcher.GetAsync($"/api/jobs/{jobId}/alumni-matches"), r => r.IsSuccessStatusCode, Soon);
        var match = (await Read(matches, HttpStatusCode.OK)).GetProperty("items").EnumerateArray().Single(m => m.GetProperty("alumnusId").GetGuid() == alumnusId);
        Assert.Contains("manager would rehire", match.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        await Read(await matcher.PostAsync($"/api/jobs/{jobId}/alumni-matches/{alumnusId}/invite", null), HttpStatusCode.Created);

        // Candidates opens a boomerang application for her.
        var applications = await Eventually.WaitForAsync(() => recruiter.GetFromJsonAsync<JsonElement>($"/api/applications?jobId={jobId}&channel=boomerang"),
            page => page.GetProperty("items").GetArrayLength() == 1, Soon);
        var application = applications.GetProperty("items")[0];

        // She is hired; Alumni counts a return.
        await Read(await recruiter.PostAsJsonAsync($"/api/applications/{application.GetProperty("id").GetGuid()}/stage", new { stage = "hired" }), HttpStatusCode.OK);
        var back = await Eventually.WaitForAsync(() => hr.GetFromJsonAsync<JsonElement>($"/api/alumni/{alumnusId}"),
            a => a.GetProperty("status").GetString() == "returned", Soon);
        Assert.Equal(("returned", "boomerang"), (back.GetProperty("status").GetString(), back.GetProperty("return").GetProperty("channel").GetString()));
        var stats = await hr.GetFromJsonAsync<JsonElement>("/api/stats");
        Assert.Equal(1, stats.GetProperty("boomerangRate").GetProperty("count").GetInt64());
        Assert.Equal(1, stats.GetProperty("returnRateWithRecommendation").GetProperty("count").GetInt64());
    }

    private static async Task<JsonElement> Read(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
