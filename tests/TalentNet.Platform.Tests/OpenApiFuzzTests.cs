using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.Testing;
using Xunit.Abstractions;

namespace TalentNet.Platform.Tests;

/// <summary>
/// Every operation of each service's own OpenAPI document, called with what a careless or hostile
/// client sends: wrong types, malformed and deeply nested JSON, huge and odd strings, bad ids, page
/// numbers that overflow, wrong content types. No answer may be a 5xx, and the service must still
/// answer afterwards. The generator is seeded, so a failure repeats.
/// </summary>
public sealed class OpenApiFuzzTests(ITestOutputHelper output)
{
    private const int MinimumRequestsPerService = 2_600;

    public static TheoryData<string> Services => ["candidates", "alumni", "recommendations", "integrations"];

    [Theory]
    [MemberData(nameof(Services))]
    public async Task No_request_built_from_the_document_gets_a_5xx_and_the_service_stays_healthy(string service)
    {
        using var host = Host(service);
        var anonymous = host.CreateClient();
        var document = JsonNode.Parse(await anonymous.GetStringAsync("/swagger/v1/swagger.json"))!;
        var clients = new[] { Roles.Admin, Roles.Hr, Roles.Recruiter, Roles.Integration, Roles.Manager, Roles.CareersSite }
            .Select(role => host.CreateClient().As(role)).ToArray();
        var fuzzer = new RequestFuzzer(document, new Random(service.Sum(character => character) ^ 20261202));
        var operations = fuzzer.Operations().ToList();
        Assert.NotEmpty(operations);

        var sent = 0;
        var failures = new List<string>();
        var rounds = 0;
        while (sent < MinimumRequestsPerService && rounds++ < 50)
        {
            foreach (var operation in operations)
            {
                foreach (var request in fuzzer.Requests(operation))
                {
                    var client = clients[sent % clients.Length];
                    var description = $"{request.Method} {request.RequestUri} ({request.Content?.Headers.ContentType?.MediaType ?? "no body"})";
                    using var response = await client.SendAsync(request);
                    sent++;
                    if ((int)response.StatusCode >= 500)
                    {
                        failures.Add($"{(int)response.StatusCode} {description}: {Shorten(await response.Content.ReadAsStringAsync())}");
                    }

                    request.Dispose();
                }
            }
        }

        output.WriteLine($"{service}: {operations.Count} operations, {sent} requests, {failures.Count} answered 5xx");
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(20)));
        Assert.True(sent >= MinimumRequestsPerService, $"{sent} requests");
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/swagger/v1/swagger.json")).StatusCode);
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] : text;

    internal static IDisposable Host(string service)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Logging:LogLevel:TalentNet.ServiceDefaults.Problems"] = "Critical",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Critical",
        };
        var database = TestDatabase.NewPath($"fuzz-{service}");
        return service switch
        {
            "candidates" => new ServiceHost<CandidatesProgram>(database, rabbitMqUrl: null, settings),
            "alumni" => new ServiceHost<AlumniProgram>(database, rabbitMqUrl: null, settings),
            "recommendations" => new ServiceHost<RecommendationsProgram>(database, rabbitMqUrl: null, settings),
            _ => new ServiceHost<IntegrationsProgram>(database, rabbitMqUrl: null, settings),
        };
    }
}

internal static class HostExtensions
{
    public static HttpClient CreateClient(this IDisposable host) => host switch
    {
        WebApplicationFactory<CandidatesProgram> candidates => candidates.CreateClient(),
        WebApplicationFactory<AlumniProgram> alumni => alumni.CreateClient(),
        WebApplicationFactory<RecommendationsProgram> recommendations => recommendations.CreateClient(),
        WebApplicationFactory<IntegrationsProgram> integrations => integrations.CreateClient(),
        _ => throw new ArgumentException("Not a service host.", nameof(host)),
    };
}
