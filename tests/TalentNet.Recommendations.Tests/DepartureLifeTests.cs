using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using TalentNet.Alumni;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.Testing;

namespace TalentNet.Recommendations.Tests;

/// <summary>
/// A departure through its life across Alumni and Recommendations over a real broker: corrected
/// (new last day, reason and manager: the same alumnus, the same request, now the new manager's),
/// then rescinded (the request cancelled, nothing counted any more), then recorded again.
/// </summary>
public sealed class DepartureLifeTests
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_corrected_then_rescinded_departure_keeps_one_alumnus_one_request_and_stops_counting()
    {
        var broker = await RabbitMqBroker.GetAsync();
        var url = await broker.CreateVirtualHostAsync("departure-life");
        await using var alumniService = new ServiceHost<AlumniProgram>(TestDatabase.NewPath("life-alumni"), url);
        await using var recommendationsService = new ServiceHost<RecommendationsProgram>(TestDatabase.NewPath("life-recommendations"), url);
        var hr = alumniService.CreateClient().As(Roles.Hr);
        var hrisClient = alumniService.CreateClient().As(Roles.Integration);
        var recommendationsHr = recommendationsService.CreateClient().As(Roles.Hr);
        var firstManager = recommendationsService.CreateClient().As(Roles.Manager, "ola.hansen@acme.example");
        var secondManager = recommendationsService.CreateClient().As(Roles.Manager, "eva.berg@acme.example");
        foreach (var client in new[] { hr, recommendationsHr })
        {
            Assert.Equal(HttpStatusCode.OK, (await Eventually.WaitForAsync(() => client.GetAsync("/health/ready"), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(60))).StatusCode);
        }

        var lastDay = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-40);
        var departure = Departure(lastDay, "relocation", "Ola Hansen", "ola.hansen@acme.example");
        var recorded = await Answer.CreatedAsync(await hrisClient.PostAsJsonAsync("/api/departures", departure));
        var (departureId, alumnusId) = (recorded.GetProperty("id").GetGuid(), recorded.GetProperty("alumnusId").GetGuid());
        var request = await OnlyRequestAsync(firstManager, alumnusId);

        // The HRIS sends the same employee with another last day, as if it were a second departure: refused, pointing at the one to correct.
        var resent = Departure(lastDay.AddDays(10), "studies", "Eva Berg", "eva.berg@acme.example");
        resent["employeeId"] = departure["employeeId"]!.GetValue<string>();
        var refused = await Answer.ProblemAsync(await hrisClient.PostAsJsonAsync("/api/departures", resent), HttpStatusCode.Conflict);
        Assert.Equal($"/api/departures/{departureId}", refused.GetProperty("existing").GetString());

        // Corrected: later last day, another reason, another manager.
        var corrected = await Answer.OkAsync(await hrisClient.PutAsJsonAsync($"/api/departures/{departureId}", resent));
        Assert.Equal((departureId, lastDay.AddDays(10).ToString("yyyy-MM-dd"), "studies"),
            (corrected.GetProperty("id").GetGuid(), corrected.GetProperty("lastDay").GetString(), corrected.GetProperty("reason").GetString()));
        await Answer.OkAsync(await hrisClient.PutAsJsonAsync($"/api/departures/{departureId}", resent));
        var alumnus = await Answer.OkAsync(await hr.GetAsync($"/api/alumni/{alumnusId}"));
        Assert.Equal((lastDay.AddDays(10).ToString("yyyy-MM-dd"), "studies", "eva.berg@acme.example"),
            (alumnus.GetProperty("lastDay").GetString(), alumnus.GetProperty("reason").GetString(), alumnus.GetProperty("manager").GetProperty("email").GetString()));
        var timeline = await Answer.OkAsync(await hr.GetAsync($"/api/alumni/{alumnusId}/timeline"));
        var kinds = timeline.GetProperty("items").EnumerateArray().Select(entry => entry.GetProperty("kind").GetString()).ToList();
        Assert.Equal((1, 1, 0), (kinds.Count(kind => kind == "departed"), kinds.Count(kind => kind == "departure-corrected"), kinds.Count(kind => kind == "departed-again")));
        var departures = await Answer.OkAsync(await hr.GetAsync("/api/departures"));
        Assert.Equal(1, departures.GetProperty("total").GetInt64());

        // The open request moved to the new manager, with the new due date; the first manager no longer sees it.
        var moved = await Eventually.WaitForAsync(() => secondManager.GetFromJsonAsync<JsonElement>("/api/recommendation-requests"),
            page => page.GetProperty("items").GetArrayLength() == 1, Soon);
        var movedRequest = moved.GetProperty("items")[0];
        Assert.Equal((request, lastDay.AddDays(24).ToString("yyyy-MM-dd")), (movedRequest.GetProperty("id").GetGuid(), movedRequest.GetProperty("dueOn").GetString()));
        Assert.Equal(0, (await firstManager.GetFromJsonAsync<JsonElement>("/api/recommendation-requests")).GetProperty("total").GetInt64());
        Assert.Equal(1, (await recommendationsHr.GetFromJsonAsync<JsonElement>("/api/recommendation-requests")).GetProperty("total").GetInt64());
        var dashboard = await recommendationsHr.GetFromJsonAsync<JsonElement>("/api/dashboard");
        Assert.Equal(["eva.berg@acme.example"], dashboard.GetProperty("byManager").EnumerateArray().Select(manager => manager.GetProperty("name").GetString()));

        var stats = await Answer.OkAsync(await hr.GetAsync("/api/stats"));
        Assert.Equal((0, 1), (stats.GetProperty("departuresByReason").GetProperty("relocation").GetInt64(), stats.GetProperty("departuresByReason").GetProperty("studies").GetInt64()));

        // Rescinded: the request is cancelled, and neither service counts the departure any more.
        var rescinded = await Answer.OkAsync(await hrisClient.PostAsync($"/api/departures/{departureId}/rescind", null));
        Assert.NotEqual(JsonValueKind.Null, rescinded.GetProperty("rescindedAt").ValueKind);
        await Answer.OkAsync(await hrisClient.PostAsync($"/api/departures/{departureId}/rescind", null));
        await Answer.ProblemAsync(await hrisClient.PutAsJsonAsync($"/api/departures/{departureId}", resent), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("rescinded", (await Answer.OkAsync(await hr.GetAsync($"/api/alumni/{alumnusId}"))).GetProperty("status").GetString());
        var cancelled = await Eventually.WaitForAsync(() => recommendationsHr.GetFromJsonAsync<JsonElement>($"/api/recommendation-requests/{request}"),
            found => found.GetProperty("status").GetString() == "cancelled", Soon);
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        await Answer.ProblemAsync(await secondManager.PostAsJsonAsync($"/api/recommendation-requests/{request}/give", new { text = "Too late.", wouldRehire = true }), HttpStatusCode.UnprocessableEntity);
        stats = await Answer.OkAsync(await hr.GetAsync("/api/stats"));
        Assert.All(stats.GetProperty("departuresByReason").EnumerateObject(), reason => Assert.Equal(0, reason.Value.GetInt64()));
        Assert.Equal(0, (await Answer.OkAsync(await hr.GetAsync("/api/dashboard"))).GetProperty("leavers").GetInt64());
        dashboard = await recommendationsHr.GetFromJsonAsync<JsonElement>("/api/dashboard");
        Assert.Empty(dashboard.GetProperty("byManager").EnumerateArray());
        Assert.All(dashboard.GetProperty("requests").EnumerateObject(), status => Assert.Equal(0, status.Value.GetInt64()));
        var recommendationStats = await recommendationsHr.GetFromJsonAsync<JsonElement>("/api/stats");
        Assert.Equal(0, recommendationStats.GetProperty("overall").GetProperty("requested").GetInt64());

        // After all, she leaves a few days earlier than first planned: the same alumnus again, and a new request.
        var later = Departure(lastDay.AddDays(5), "relocation", "Ola Hansen", "ola.hansen@acme.example");
        later["employeeId"] = departure["employeeId"]!.GetValue<string>();
        var again = await Answer.CreatedAsync(await hrisClient.PostAsJsonAsync("/api/departures", later));
        Assert.Equal(alumnusId, again.GetProperty("alumnusId").GetGuid());
        Assert.NotEqual(request, await OnlyRequestAsync(firstManager, alumnusId));
    }

    private static async Task<Guid> OnlyRequestAsync(HttpClient manager, Guid alumnusId)
    {
        var page = await Eventually.WaitForAsync(() => manager.GetFromJsonAsync<JsonElement>("/api/recommendation-requests?status=requested"),
            found => found.GetProperty("items").EnumerateArray().Any(r => r.GetProperty("alumnusId").GetGuid() == alumnusId), Soon);
        return page.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("alumnusId").GetGuid() == alumnusId).GetProperty("id").GetGuid();
    }

    private static JsonObject Departure(DateOnly lastDay, string reason, string managerName, string managerEmail) => new()
    {
        ["employeeId"] = $"E-{Guid.NewGuid():N}"[..12],
        ["fullName"] = "Kari Nordmann",
        ["workEmail"] = "kari.nordmann@acme.example",
        ["personalEmail"] = "kari@example.org",
        ["department"] = "Engineering",
        ["role"] = "Backend Developer",
        ["manager"] = new JsonObject { ["name"] = managerName, ["email"] = managerEmail },
        ["startedOn"] = "2021-03-01",
        ["lastDay"] = lastDay.ToString("yyyy-MM-dd"),
        ["reason"] = reason,
        ["exitInterview"] = new JsonObject { ["wouldReturn"] = "yes", ["sentiment"] = "positive" },
        ["consents"] = new JsonObject { ["alumniNetwork"] = true, ["rehireOutreach"] = true, ["recommendationRequest"] = true, ["referralAsk"] = true },
    };
}
