using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TalentNet.ServiceDefaults.Auth;

namespace TalentNet.Alumni.Tests;

/// <summary>Role by field: why someone left, what they said at the exit interview and HR's notes are for HR and admins.</summary>
public sealed class NeedToKnowTests(AlumniApp app) : IClassFixture<AlumniApp>
{
    [Theory]
    [InlineData(Roles.Hr, true)]
    [InlineData(Roles.Admin, true)]
    [InlineData(Roles.Recruiter, false)]
    [InlineData(Roles.Integration, false)]
    public async Task Every_alumni_read_shows_the_reason_exit_answer_and_notes_only_to_those_who_need_to_know(string role, bool sees)
    {
        var departure = await app.Hr.DepartAsync(Api.Departure(reason: "performance"));
        var alumnusId = departure.Id("alumnusId");
        await Api.ReadAsync(await app.Hr.PutAsJsonAsync($"/api/alumni/{alumnusId}/eligibility", new { eligibility = "eligible", note = "spoke with the manager" }), HttpStatusCode.OK);
        var caller = app.As(role);

        var one = await Api.ReadAsync(await caller.GetAsync($"/api/alumni/{alumnusId}"), HttpStatusCode.OK);
        var listed = (await Api.ReadAsync(await caller.GetAsync($"/api/alumni?search={Uri.EscapeDataString(one.Str("workEmail"))}"), HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Single();
        foreach (var alumnus in new[] { one, listed })
        {
            Assert.Equal(sees ? "performance" : null, Text(alumnus, "reason"));
            Assert.Equal(sees ? "yes" : null, Text(alumnus, "wouldReturn"));
            Assert.Equal(sees ? "spoke with the manager" : null, Text(alumnus, "eligibilityNote"));
            Assert.Equal("eligible", alumnus.Str("rehireEligibility"));
        }

        var timeline = (await Api.ReadAsync(await caller.GetAsync($"/api/alumni/{alumnusId}/timeline"), HttpStatusCode.OK)).GetProperty("items").ToString();
        Assert.Equal(sees, timeline.Contains("performance", StringComparison.Ordinal));
        Assert.Equal(sees, timeline.Contains("spoke with the manager", StringComparison.Ordinal));
        Assert.Equal(!sees, timeline.Contains("Left the company (details for HR).", StringComparison.Ordinal));

        var read = await Api.ReadAsync(await caller.GetAsync($"/api/departures/{departure.Id()}"), HttpStatusCode.OK);
        Assert.Equal(sees || role == Roles.Integration ? "performance" : null, Text(read, "reason"));
    }

    private static string? Text(JsonElement element, string property) =>
        element.GetProperty(property).ValueKind == JsonValueKind.Null ? null : element.Str(property);
}
