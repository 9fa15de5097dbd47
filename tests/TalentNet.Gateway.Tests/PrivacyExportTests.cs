using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.Testing;

namespace TalentNet.Gateway.Tests;

/// <summary>Subject access through the gateway: one document with what every service holds about an address.</summary>
public sealed class PrivacyExportTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    [Fact]
    public async Task Hr_gets_everything_every_service_holds_about_an_address_in_one_document_and_each_service_audits_the_read()
    {
        var person = $"nora.{Guid.NewGuid():N}@example.org";
        var alumni = new HttpClient { BaseAddress = fixture.Alumni }.As(Roles.Hr);
        var departure = await Answer.CreatedAsync(await alumni.PostAsJsonAsync("/api/departures", new
        {
            employeeId = $"E-{Guid.NewGuid():N}"[..12], fullName = "Nora Lie", workEmail = $"{Guid.NewGuid():N}@acme.example", personalEmail = person,
            department = fixture.Department, role = "Engineer", manager = new { name = "M", email = "mgr@acme.example" }, lastDay = "2026-06-30",
            reason = "studies", exitInterview = new { wouldReturn = "maybe", notes = "a master's in Trondheim" },
            consents = new { alumniNetwork = false, rehireOutreach = true, recommendationRequest = false, referralAsk = false },
        }));
        var candidates = new HttpClient { BaseAddress = fixture.Candidates }.As(Roles.Admin);
        var candidate = await Answer.CreatedAsync(await candidates.PostAsJsonAsync("/api/candidates", new { fullName = "Nora Lie", email = $"nora.work.{Guid.NewGuid():N}@example.org", additionalEmails = new[] { person } }));

        var hr = fixture.Gateway.CreateClient().As(Roles.Hr);
        var export = await Answer.OkAsync(await hr.GetAsync($"/api/privacy/export?email={Uri.EscapeDataString(person.ToUpperInvariant())}"));
        Assert.Equal(person, export.Str("email"));
        var held = Assert.Single(export.GetProperty("candidates").GetProperty("candidates").EnumerateArray());
        Assert.Equal(candidate.Id(), held.GetProperty("candidate").Id());
        var alumnus = Assert.Single(export.GetProperty("alumni").GetProperty("alumni").EnumerateArray());
        Assert.Equal(departure.Id("alumnusId"), alumnus.GetProperty("alumnus").Id());
        Assert.Equal("a master's in Trondheim", alumnus.GetProperty("departures")[0].GetProperty("asRecorded").GetProperty("exitInterview").Str("notes"));
        Assert.Equal(JsonValueKind.Array, export.GetProperty("recommendations").GetProperty("asLeaver").ValueKind);
        Assert.Equal(JsonValueKind.Array, export.GetProperty("integrations").GetProperty("atsDeliveries").ValueKind);

        await Answer.ProblemAsync(await fixture.Gateway.CreateClient().As(Roles.Recruiter).GetAsync($"/api/privacy/export?email={person}"), HttpStatusCode.Forbidden);
        await Answer.ProblemAsync(await hr.GetAsync("/api/privacy/export?email=not-an-address"), HttpStatusCode.BadRequest);

        var audit = await Answer.OkAsync(await new HttpClient { BaseAddress = fixture.Alumni }.As(Roles.Admin).GetAsync("/api/audit?pageSize=100"));
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), entry => entry.Str("operation") == "GET /api/privacy/export" && entry.Str("actor") == "hr hr@talentnet.example");
    }

    [Fact]
    public async Task Hr_reads_every_services_retention_rules_in_one_answer()
    {
        var rules = await Answer.OkAsync(await fixture.Gateway.CreateClient().As(Roles.Hr).GetAsync("/api/privacy/retention"));
        var names = new[] { "candidates", "alumni", "integrations" }
            .SelectMany(service => rules.GetProperty(service).EnumerateArray().Select(rule => $"{service}/{rule.Str("name")}")).ToList();
        Assert.Equal(["candidates/candidates-without-hire", "alumni/exit-interview-notes", "alumni/opted-out-alumni", "integrations/webhook-deliveries"], names);
        await Answer.ProblemAsync(await fixture.Gateway.CreateClient().As(Roles.Recruiter).GetAsync("/api/privacy/retention"), HttpStatusCode.Forbidden);
    }
}
