using System.Net;
using System.Net.Http.Json;
using TalentNet.ServiceDefaults.Auth;

namespace TalentNet.Alumni.Tests;

public sealed class DeparturesApiTests(AlumniApp app) : IClassFixture<AlumniApp>
{
    [Theory]
    [InlineData("resignation", "eligible")]
    [InlineData("layoff", "eligible")]
    [InlineData("retirement", "eligible")]
    [InlineData("performance", "with-review")]
    [InlineData("conduct", "not-eligible")]
    [InlineData("other", "with-review")]
    public async Task A_departure_creates_an_alumnus_with_eligibility_from_the_reason(string reason, string eligibility)
    {
        var departure = await app.Hr.DepartAsync(Api.Departure(reason: reason));
        Assert.Equal(eligibility, departure.Str("rehireEligibility"));
        var alumnus = await Api.ReadAsync(await app.Hr.GetAsync($"/api/alumni/{departure.Id("alumnusId")}"), HttpStatusCode.OK);
        Assert.Equal(("alumnus", eligibility, "none"), (alumnus.Str("status"), alumnus.Str("rehireEligibility"), alumnus.Str("recommendationStatus")));
        Assert.True(alumnus.GetProperty("consents").GetProperty("referralAsk").GetBoolean());
        await Api.ReadAsync(await app.Hr.GetAsync($"/api/departures/{departure.Id("id")}"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_same_departure_again_returns_the_stored_one_and_a_different_body_is_409()
    {
        var body = Api.Departure();
        var first = await app.Hr.DepartAsync(body);
        var retry = await Api.ReadAsync(await app.As(Roles.Integration).PostAsJsonAsync("/api/departures", body), HttpStatusCode.OK);
        Assert.Equal(first.Id("id"), retry.Id("id"));

        var changed = System.Text.Json.JsonSerializer.SerializeToNode(body)!.AsObject();
        changed["reason"] = "conduct";
        var conflict = await Api.ReadAsync(await app.Hr.PostAsJsonAsync("/api/departures", changed), HttpStatusCode.Conflict);
        Assert.Equal($"/api/departures/{first.Id("id")}", conflict.Str("existing"));
    }

    [Fact]
    public async Task A_second_departure_of_the_same_employee_reactivates_the_alumnus()
    {
        var employee = $"E-{Guid.NewGuid():N}"[..12];
        var first = await app.Hr.DepartAsync(Api.Departure(employee, lastDay: "2022-06-30"));
        var second = await app.Hr.DepartAsync(Api.Departure(employee, reason: "studies", lastDay: "2026-10-31"));
        Assert.Equal(first.Id("alumnusId"), second.Id("alumnusId"));
        var alumnus = await Api.ReadAsync(await app.Hr.GetAsync($"/api/alumni/{second.Id("alumnusId")}"), HttpStatusCode.OK);
        Assert.Equal(("studies", "2026-10-31"), (alumnus.Str("reason"), alumnus.Str("lastDay")));
        var timeline = await Api.ReadAsync(await app.Hr.GetAsync($"/api/alumni/{second.Id("alumnusId")}/timeline"), HttpStatusCode.OK);
        Assert.Equal(["departed", "departed-again"], timeline.EnumerateArray().Select(entry => entry.Str("kind")));
    }

    [Fact]
    public async Task Invalid_departures_are_400_with_field_errors()
    {
        var response = await app.Hr.PostAsJsonAsync("/api/departures", new
        {
            employeeId = "", fullName = "K", workEmail = "nope", department = "D", role = "R", lastDay = "2026-01-01", startedOn = "2027-01-01",
            reason = "bored", exitInterview = new { wouldReturn = "perhaps" },
        });
        var errors = (await Api.ReadAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors");
        foreach (var field in new[] { "employeeId", "workEmail", "reason", "manager", "startedOn", "exitInterview.wouldReturn" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"error for {field}");
        }
    }

    [Fact]
    public async Task Hr_and_integration_write_departures_recruiters_read_alumni_managers_do_neither()
    {
        Assert.Equal(HttpStatusCode.Created, (await app.As(Roles.Integration).PostAsJsonAsync("/api/departures", Api.Departure())).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await app.As(Roles.Admin).PostAsJsonAsync("/api/departures", Api.Departure())).StatusCode);
        await Api.ReadAsync(await app.As(Roles.Recruiter).PostAsJsonAsync("/api/departures", Api.Departure()), HttpStatusCode.Forbidden);
        await Api.ReadAsync(await app.As(Roles.Recruiter).GetAsync("/api/alumni"), HttpStatusCode.OK);
        await Api.ReadAsync(await app.As(Roles.Manager).GetAsync("/api/alumni"), HttpStatusCode.Forbidden);
        await Api.ReadAsync(await app.Host.CreateClient().GetAsync("/api/alumni"), HttpStatusCode.Unauthorized);
    }
}
