using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.Storage;

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
    public async Task Hr_lists_departures_by_last_day_department_and_reason_and_recruiters_may_not()
    {
        var department = $"List-{Guid.NewGuid():N}"[..14];
        var early = await app.Hr.DepartAsync(Api.Departure(department: department, lastDay: "2026-01-31", reason: "relocation"));
        var late = await app.Hr.DepartAsync(Api.Departure(department: department, lastDay: "2026-03-31", reason: "conduct"));
        var all = await Api.ReadAsync(await app.Hr.GetAsync($"/api/departures?department={department}"), HttpStatusCode.OK);
        Assert.Equal([late.Id("id"), early.Id("id")], all.GetProperty("items").EnumerateArray().Select(item => item.Id("id")));
        var inWindow = await Api.ReadAsync(await app.Hr.GetAsync($"/api/departures?department={department}&from=2026-01-01&to=2026-02-28"), HttpStatusCode.OK);
        Assert.Equal(early.Id("id"), Assert.Single(inWindow.GetProperty("items").EnumerateArray()).Id("id"));
        var byReason = await Api.ReadAsync(await app.Hr.GetAsync($"/api/departures?department={department}&reason=conduct"), HttpStatusCode.OK);
        Assert.Equal(late.Id("id"), Assert.Single(byReason.GetProperty("items").EnumerateArray()).Id("id"));
        await Api.ReadAsync(await app.Hr.GetAsync("/api/departures?reason=bored"), HttpStatusCode.BadRequest);
        await Api.ReadAsync(await app.Hr.GetAsync("/api/departures?from=2026-05-01&to=2026-01-01"), HttpStatusCode.BadRequest);
        await Api.ReadAsync(await app.Hr.GetAsync("/api/departures?page=30000000"), HttpStatusCode.BadRequest);
        await Api.ReadAsync(await app.As(Roles.Recruiter).GetAsync("/api/departures"), HttpStatusCode.Forbidden);
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
    public async Task An_hris_retry_of_a_departure_recorded_before_an_upgrade_is_200_not_409()
    {
        // What the HRIS sent before the upgrade: no skills and no exit-interview notes, which this release added.
        var body = JsonSerializer.SerializeToNode(Api.Departure())!.AsObject();
        body.Remove("skills");
        body["exitInterview"]!.AsObject().Remove("notes");
        var first = await app.Hr.DepartAsync(body);

        // Rewrite the stored row as the release before this one left it: the body serialized whole
        // (nulls included) and hashed as text, and without the members added since (here: skills,
        // the exit interview's notes).
        var database = app.Host.Services.GetRequiredService<Database>();
        await using (var connection = await database.OpenAsync())
        {
            var row = await connection.QuerySingleAsync<(string Body, string Hash)>("SELECT body, body_hash FROM departures WHERE id = @Id", new { Id = first.Id("id") });
            var stored = JsonNode.Parse(row.Body)!.AsObject();
            stored.Remove("skills");
            stored["exitInterview"]!.AsObject().Remove("notes");
            var before = stored.ToJsonString();
            var oldHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(before)));
            Assert.NotEqual(row.Hash, oldHash);
            await connection.ExecuteAsync("UPDATE departures SET body = @Body, body_hash = @Hash WHERE id = @Id", new { Body = before, Hash = oldHash, Id = first.Id("id") });
        }

        var retry = await Api.ReadAsync(await app.As(Roles.Integration).PostAsJsonAsync("/api/departures", body), HttpStatusCode.OK);
        Assert.Equal(first.Id("id"), retry.Id("id"));

        var changed = body.DeepClone().AsObject();
        changed["department"] = "Sales";
        await Api.ReadAsync(await app.As(Roles.Integration).PostAsJsonAsync("/api/departures", changed), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_second_departure_of_the_same_employee_reactivates_the_alumnus()
    {
        var employee = $"E-{Guid.NewGuid():N}"[..12];
        var first = await app.Hr.DepartAsync(Api.Departure(employee, lastDay: "2022-06-30"));
        var second = await app.Hr.DepartAsync(Api.Departure(employee, reason: "studies", lastDay: "2026-10-31", startedOn: "2024-01-08"));
        Assert.Equal(first.Id("alumnusId"), second.Id("alumnusId"));
        var alumnus = await Api.ReadAsync(await app.Hr.GetAsync($"/api/alumni/{second.Id("alumnusId")}"), HttpStatusCode.OK);
        Assert.Equal(("studies", "2026-10-31"), (alumnus.Str("reason"), alumnus.Str("lastDay")));
        var timeline = await Api.ReadAsync(await app.Hr.GetAsync($"/api/alumni/{second.Id("alumnusId")}/timeline"), HttpStatusCode.OK);
        Assert.Equal(["departed", "departed-again"], timeline.GetProperty("items").EnumerateArray().Select(entry => entry.Str("kind")));
        var secondPage = await Api.ReadAsync(await app.Hr.GetAsync($"/api/alumni/{second.Id("alumnusId")}/timeline?page=2&pageSize=1"), HttpStatusCode.OK);
        Assert.Equal(("departed-again", 2L), (Assert.Single(secondPage.GetProperty("items").EnumerateArray()).Str("kind"), secondPage.GetProperty("total").GetInt64()));
        await Api.ReadAsync(await app.Hr.GetAsync($"/api/alumni/{second.Id("alumnusId")}/timeline?pageSize=1000"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Invalid_departures_are_400_with_field_errors()
    {
        var response = await app.Hr.PostAsJsonAsync("/api/departures", new
        {
            employeeId = "", fullName = "K", workEmail = "nope", department = "D", role = "R", lastDay = "2026-01-01", startedOn = "2027-01-01",
        });
        var errors = (await Api.ReadAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors");
        foreach (var field in new[] { "employeeId", "workEmail", "reason", "manager", "startedOn" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"error for {field}");
        }

        // Declared maxima are checked before anything else, so a too-long field is refused on its own.
        var tooLong = await app.Hr.PostAsJsonAsync("/api/departures", new { employeeId = "", exitInterview = new { notes = new string('x', 2001) } });
        var lengthErrors = (await Api.ReadAsync(tooLong, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Equal(["exitInterview.notes"], lengthErrors.EnumerateObject().Select(error => error.Name));
    }

    [Theory]
    [InlineData("reason", "bored", "reason", "resignation, relocation, career-change, studies, retirement, contract-end, layoff, performance, conduct, other")]
    [InlineData("wouldReturn", "perhaps", "exitInterview.wouldReturn", "yes, maybe, no")]
    [InlineData("reason", "Resignation", "reason", "resignation, relocation")]
    public async Task A_value_outside_the_vocabulary_is_400_listing_the_allowed_values(string member, string value, string field, string allowed)
    {
        var body = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Api.Departure($"E-{Guid.NewGuid():N}"[..12])))!.AsObject();
        if (member == "wouldReturn")
        {
            body["exitInterview"] = new System.Text.Json.Nodes.JsonObject { ["wouldReturn"] = value };
        }
        else
        {
            body[member] = value;
        }

        var response = await app.Hr.PostAsync("/api/departures", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        var problem = await Api.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var message = Assert.Single(problem.GetProperty("errors").GetProperty(field).EnumerateArray()).GetString();
        Assert.StartsWith($"Must be one of: {allowed}", message, StringComparison.Ordinal);
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
