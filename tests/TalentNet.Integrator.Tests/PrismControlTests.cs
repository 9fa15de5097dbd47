using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.Testing;

namespace TalentNet.Integrator.Tests;

/// <summary>The validation proxy does report what breaks a document, so a walk without violations means something.</summary>
[Collection(LiveServicesCollection.Name)]
public sealed class PrismControlTests(LiveServices services)
{
    [Fact]
    public async Task A_body_of_the_wrong_types_is_reported_as_a_violation()
    {
        var violations = new List<string>();
        using var client = new HttpClient(new ViolationRecorder(violations)) { BaseAddress = services.Candidates.Proxied }.As(Roles.Recruiter);
        using var body = new StringContent("""{"title": 5, "skills": "csharp"}""", Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/api/jobs", body);
        Assert.Contains(violations, violation => violation.Contains("title", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_response_that_differs_from_its_document_is_reported_as_a_violation()
    {
        var document = JsonNode.Parse(await File.ReadAllTextAsync(services.Candidates.DocumentPath))!;
        document["components"]!["schemas"]!["JobResponse"]!["properties"]!["title"] = new JsonObject { ["type"] = "integer" };
        var tampered = Path.Combine(Path.GetTempPath(), "talentnet-tests", $"tampered-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(tampered, document.ToJsonString());
        await using var prism = await PrismProxy.StartAsync(tampered, services.Candidates.Address);
        var violations = new List<string>();
        using var client = new HttpClient(new ViolationRecorder(violations)) { BaseAddress = prism.Address }.As(Roles.Recruiter);
        using var opened = await client.PostAsJsonAsync("/api/jobs", new { title = "Tester", department = "QA", skills = Array.Empty<string>(), hiringManagerEmail = "qa@acme.example" });
        Assert.Contains(violations, violation => violation.Contains("title", StringComparison.Ordinal));
    }
}
