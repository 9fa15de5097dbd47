using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using TalentNet.ServiceDefaults.Auth;

namespace TalentNet.Alumni.Tests;

/// <summary>Departures corrected and rescinded through the API (the broker side is in the Recommendations tests).</summary>
public sealed class DepartureCorrectionTests(AlumniApp app) : IClassFixture<AlumniApp>
{
    [Fact]
    public async Task A_correction_keeps_the_alumnus_consents_and_override_and_refuses_what_is_not_a_correction()
    {
        var departure = JsonSerializer.SerializeToNode(Api.Departure(lastDay: "2026-05-31"))!.AsObject();
        var recorded = await app.Hr.DepartAsync(departure);
        var (id, alumnusId) = (recorded.Id("id"), recorded.Id("alumnusId"));
        await Api.ReadAsync(await app.Hr.PutAsJsonAsync($"/api/alumni/{alumnusId}/eligibility", new { eligibility = "eligible", note = "see file" }), HttpStatusCode.OK);
        await Api.ReadAsync(await app.Hr.PostAsync($"/api/alumni/{alumnusId}/opt-out", null), HttpStatusCode.OK);

        var unchanged = await Api.ReadAsync(await app.Hr.PutAsJsonAsync($"/api/departures/{id}", departure), HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, unchanged.GetProperty("updatedAt").ValueKind);

        var corrected = departure.DeepClone().AsObject();
        corrected["lastDay"] = "2026-06-30";
        corrected["reason"] = "conduct";
        corrected["consents"] = new JsonObject { ["alumniNetwork"] = true, ["rehireOutreach"] = true };
        var answer = await Api.ReadAsync(await app.As(Roles.Integration).PutAsJsonAsync($"/api/departures/{id}", corrected), HttpStatusCode.OK);
        Assert.Equal(("2026-06-30", "conduct", "not-eligible"), (answer.Str("lastDay"), answer.Str("reason"), answer.Str("rehireEligibility")));
        var alumnus = await Api.ReadAsync(await app.Hr.GetAsync($"/api/alumni/{alumnusId}"), HttpStatusCode.OK);
        Assert.Equal(("opted-out", "eligible", "see file", "2026-06-30"),
            (alumnus.Str("status"), alumnus.Str("rehireEligibility"), alumnus.Str("eligibilityNote"), alumnus.Str("lastDay")));
        Assert.False(alumnus.GetProperty("consents").GetProperty("rehireOutreach").GetBoolean());
        var timeline = await Api.ReadAsync(await app.Hr.GetAsync($"/api/alumni/{alumnusId}/timeline"), HttpStatusCode.OK);
        var entry = timeline.GetProperty("items").EnumerateArray().Single(item => item.Str("kind") == "departure-corrected");
        Assert.Equal("Departure corrected: last day 2026-05-31 → 2026-06-30; reason relocation → conduct.", entry.Str("detail"));

        var otherEmployee = corrected.DeepClone().AsObject();
        otherEmployee["employeeId"] = "E-someone-else";
        await Api.ReadAsync(await app.Hr.PutAsJsonAsync($"/api/departures/{id}", otherEmployee), HttpStatusCode.BadRequest);
        await Api.ReadAsync(await app.Hr.PutAsJsonAsync($"/api/departures/{Guid.NewGuid()}", corrected), HttpStatusCode.NotFound);
        var invalid = corrected.DeepClone().AsObject();
        invalid["lastDay"] = null;
        await Api.ReadAsync(await app.Hr.PutAsJsonAsync($"/api/departures/{id}", invalid), HttpStatusCode.BadRequest);
        await Api.ReadAsync(await app.As(Roles.Recruiter).PutAsJsonAsync($"/api/departures/{id}", corrected), HttpStatusCode.Forbidden);
        await Api.ReadAsync(await app.As(Roles.Recruiter).PostAsync($"/api/departures/{id}/rescind", null), HttpStatusCode.Forbidden);
        await Api.ReadAsync(await app.Hr.PostAsync($"/api/departures/{Guid.NewGuid()}/rescind", null), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Rescinding_a_second_employment_goes_back_to_the_first_and_only_the_latest_can_be_rescinded()
    {
        var employee = $"E-{Guid.NewGuid():N}"[..12];
        var first = await app.Hr.DepartAsync(Api.Departure(employee, lastDay: "2022-06-30", reason: "relocation"));
        var second = await app.Hr.DepartAsync(Api.Departure(employee, lastDay: "2026-10-31", reason: "studies", startedOn: "2024-01-08"));
        var onFirstDay = JsonSerializer.SerializeToNode(Api.Departure(employee, lastDay: "2022-06-30", reason: "studies"))!;
        var clash = await Api.ReadAsync(await app.Hr.PutAsJsonAsync($"/api/departures/{second.Id("id")}", onFirstDay), HttpStatusCode.Conflict);
        Assert.Equal($"/api/departures/{first.Id("id")}", clash.Str("existing"));

        await Api.ReadAsync(await app.Hr.PostAsync($"/api/departures/{first.Id("id")}/rescind", null), HttpStatusCode.UnprocessableEntity);
        await Api.ReadAsync(await app.Hr.PostAsync($"/api/departures/{second.Id("id")}/rescind", null), HttpStatusCode.OK);
        var alumnus = await Api.ReadAsync(await app.Hr.GetAsync($"/api/alumni/{first.Id("alumnusId")}"), HttpStatusCode.OK);
        Assert.Equal(("alumnus", "2022-06-30", "relocation"), (alumnus.Str("status"), alumnus.Str("lastDay"), alumnus.Str("reason")));

        await Api.ReadAsync(await app.Hr.PostAsync($"/api/departures/{first.Id("id")}/rescind", null), HttpStatusCode.OK);
        alumnus = await Api.ReadAsync(await app.Hr.GetAsync($"/api/alumni/{first.Id("alumnusId")}"), HttpStatusCode.OK);
        Assert.Equal("rescinded", alumnus.Str("status"));
        var departures = await Api.ReadAsync(await app.Hr.GetAsync($"/api/departures/{second.Id("id")}"), HttpStatusCode.OK);
        Assert.NotEqual(JsonValueKind.Null, departures.GetProperty("rescindedAt").ValueKind);
    }
}
