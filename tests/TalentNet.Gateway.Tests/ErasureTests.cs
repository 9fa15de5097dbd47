using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.Storage;
using TalentNet.Testing;

namespace TalentNet.Gateway.Tests;

/// <summary>
/// Erasure across every service, over a real broker: one person is known everywhere (an ATS delivery
/// included), HR asks the gateway to erase them while Integrations is down, the others report at once
/// and Integrations when it is back, all within a minute, and then not one byte of their name,
/// addresses, phone, exit notes or the manager's recommendation is left in any database file or its
/// write-ahead log (UTF-8 and UTF-16) nor in anything the services logged; the statistics count the
/// same as before. The HRIS and the ATS files that name the person afterwards are suppressed.
/// </summary>
public sealed class ErasureTests : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _hosts = [];
    private readonly CapturedLogs _logs = new();
    private readonly Dictionary<string, string> _databases = [];
    private GatewayHost _gateway = null!;
    private Uri _candidates = null!;
    private Uri _alumni = null!;
    private Uri _recommendations = null!;
    private ServiceHost<IntegrationsProgram> _integrations = null!;
    private Dictionary<string, string?> _integrationsSettings = null!;
    private string _brokerUrl = null!;

    public async Task InitializeAsync()
    {
        var broker = await RabbitMqBroker.GetAsync();
        var url = await broker.CreateVirtualHostAsync("erasure");
        // Logged as in production (the framework at Warning, the services from Information) and kept, to be searched afterwards.
        var logging = new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Information", ["Logging:LogLevel:TalentNet"] = "Debug", ["Logging:LogLevel:MassTransit"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        };
        _candidates = await StartAsync("candidates", path => new ServiceHost<CandidatesProgram>(path, url, logging, Capture));
        _alumni = await StartAsync("alumni", path => new ServiceHost<AlumniProgram>(path, url, logging, Capture));
        _recommendations = await StartAsync("recommendations", path => new ServiceHost<RecommendationsProgram>(path, url, logging, Capture));
        _brokerUrl = url;
        _integrationsSettings = new Dictionary<string, string?>(logging) { ["Integrations:Greenhouse:SecretKey"] = GreenhouseKey };
        var integrations = await StartAsync("integrations", path => _integrations = new ServiceHost<IntegrationsProgram>(path, url, _integrationsSettings, Capture));
        _gateway = new GatewayHost("Development", new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:candidates:Destinations:service:Address"] = _candidates.ToString(),
            ["ReverseProxy:Clusters:alumni:Destinations:service:Address"] = _alumni.ToString(),
            ["ReverseProxy:Clusters:recommendations:Destinations:service:Address"] = _recommendations.ToString(),
            ["ReverseProxy:Clusters:integrations:Destinations:service:Address"] = integrations.ToString(),
        });
    }

    private const string GreenhouseKey = "greenhouse-erasure-test-secret-0123456789";

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_erased_person_leaves_no_byte_in_any_database_and_the_statistics_count_the_same()
    {
        var unique = Guid.NewGuid().ToString("N")[..10];
        var person = new
        {
            Name = $"Ingrid Ødegård-{unique}", Personal = $"ingrid.{unique}@example.org", Work = $"i.{unique}@acme.example",
            Phone = $"+47 9{unique[..7].Select(c => (char)('0' + (c % 10))).Aggregate("", (text, digit) => text + digit)}",
            Notes = $"moving to Bergen for a PhD {unique}", Recommendation = $"Ingrid led the migration with rare care {unique}",
        };
        var managerEmail = $"mgr.{unique}@acme.example";
        var hr = new HttpClient { BaseAddress = _alumni }.As(Roles.Hr);
        var departure = await Answer.CreatedAsync(await hr.PostAsJsonAsync("/api/departures", new
        {
            employeeId = $"E-{unique}", fullName = person.Name, workEmail = person.Work, personalEmail = person.Personal,
            department = "Platform", role = "Engineer", manager = new { name = "Mona Manager", email = managerEmail },
            lastDay = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-30)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            reason = "studies", linkedInUrl = $"https://www.linkedin.com/in/ingrid-{unique}",
            exitInterview = new { wouldReturn = "yes", notes = person.Notes },
            consents = new { alumniNetwork = true, rehireOutreach = true, recommendationRequest = true, referralAsk = true },
        }));

        var admin = new HttpClient { BaseAddress = _candidates }.As(Roles.Admin);
        var job = await Answer.CreatedAsync(await admin.PostAsJsonAsync("/api/jobs", new
        {
            title = "Platform Engineer", department = "Platform", skills = new[] { "go" }, hiringManagerEmail = managerEmail,
        }));
        var candidate = await Answer.CreatedAsync(await admin.PostAsJsonAsync("/api/candidates", new { fullName = person.Name, email = person.Personal, phone = person.Phone }));
        // The same person again, known to the HRIS by their employee id only (another address): found by that id.
        var otherAddress = $"nickname.{unique}@example.net";
        await Answer.CreatedAsync(await admin.PostAsJsonAsync("/api/candidates", new
        {
            fullName = $"I. Ødegård-{unique}", email = otherAddress, externalIds = new Dictionary<string, string> { ["hris"] = $"E-{unique}" },
        }));
        await Answer.CreatedAsync(await admin.PostAsJsonAsync("/api/applications", new { candidateId = candidate.Id(), jobId = job.Id(), source = new { channel = "linkedin" } }));

        // The ATS sends the same person (Greenhouse's own sample, as them): the raw delivery holds their data too.
        var delivery = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "tests", "TalentNet.Integrations.Tests", "Fixtures", "greenhouse", "new_candidate_application.json"))
            .Replace("\"Jane\"", "\"Ingrid\"", StringComparison.Ordinal).Replace("\"Smith\"", $"\"Ødegård-{unique}\"", StringComparison.Ordinal)
            .Replace("person@example.com", person.Personal, StringComparison.Ordinal).Replace("person@work.com", person.Work, StringComparison.Ordinal)
            .Replace("555-555-5555", person.Phone, StringComparison.Ordinal);
        using (var signed = new HttpRequestMessage(HttpMethod.Post, "/webhooks/greenhouse") { Content = new StringContent(delivery, Encoding.UTF8, "application/json") })
        {
            signed.Headers.TryAddWithoutValidation("Signature", "sha256 " + Convert.ToHexStringLower(
                System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(GreenhouseKey), Encoding.UTF8.GetBytes(delivery))));
            var received = await _gateway.CreateClient().SendAsync(signed);
            Assert.Equal(HttpStatusCode.OK, received.StatusCode);
        }

        await Eventually.WaitForAsync(
            () => ScalarAsync<long>("candidates", "SELECT COUNT(*) FROM candidate_external_ids WHERE system = 'greenhouse'", new { }), count => count == 1, TimeSpan.FromSeconds(30), 250);

        var requestId = await Eventually.WaitForAsync(
            () => ScalarAsync<string?>("recommendations", "SELECT id FROM recommendation_requests WHERE departure_id = @Id", new { Id = departure.Id() }),
            id => id is not null, TimeSpan.FromSeconds(60), 250);
        Assert.NotNull(requestId);
        var manager = new HttpClient { BaseAddress = _recommendations }.As(Roles.Manager, managerEmail);
        await Answer.OkAsync(await manager.PostAsJsonAsync($"/api/recommendation-requests/{requestId}/give", new { text = person.Recommendation, wouldRehire = true }));
        // Alumni counts the recommendation when its event arrives: the statistics are compared from then on.
        await Eventually.WaitForAsync(
            () => ScalarAsync<long>("alumni", "SELECT COUNT(*) FROM alumni WHERE recommendation_status = 'given'", new { }), count => count == 1, TimeSpan.FromSeconds(30), 100);
        var statsBefore = await StatisticsAsync();

        var gateway = _gateway.CreateClient().As(Roles.Hr);
        await Answer.ProblemAsync(await gateway.PostAsJsonAsync("/api/privacy/erasure-requests", new { email = person.Personal, employeeId = "E-1" }), HttpStatusCode.BadRequest);
        await Answer.ProblemAsync(await _gateway.CreateClient().As(Roles.Recruiter).PostAsJsonAsync("/api/privacy/erasure-requests", new { email = person.Personal }), HttpStatusCode.Forbidden);
        // Integrations is down when the request is made: the others erase, it does so when it is back.
        await _integrations.DisposeAsync();
        _hosts.Remove(_integrations);
        var accepted = await gateway.PostAsJsonAsync("/api/privacy/erasure-requests", new { email = person.Personal.ToUpperInvariant() });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var location = accepted.Headers.Location!.ToString();
        var partly = await Eventually.WaitForAsync(
            async () => await (await gateway.GetAsync(location)).Content.ReadFromJsonAsync<JsonElement>(),
            answer => answer.GetProperty("services").EnumerateArray().Count(service => service.Str("status") == "completed") == 3, TimeSpan.FromSeconds(60), 500);
        Assert.Equal("pending", partly.Str("status"));
        Assert.Equal("pending", partly.GetProperty("services").EnumerateArray().Single(service => service.Str("service") == "integrations").Str("status"));
        await StartAsync("integrations", path => _integrations = new ServiceHost<IntegrationsProgram>(path, _brokerUrl, _integrationsSettings, Capture), _databases["integrations"]);
        var erasure = await Eventually.WaitForAsync(
            async () => await (await gateway.GetAsync(location)).Content.ReadFromJsonAsync<JsonElement>(),
            answer => answer.Str("status") == "completed", TimeSpan.FromSeconds(60), 500);
        Assert.True(erasure.Str("status") == "completed", erasure.ToString());
        Assert.Equal(4, erasure.GetProperty("services").EnumerateArray().Count(service => service.Str("status") == "completed"));

        Assert.Equal(statsBefore, await StatisticsAsync());

        // The suppression list: the HRIS and the ATS files do not bring the person back, and say so.
        var hris = new HttpClient { BaseAddress = _alumni }.As(Roles.Integration);
        await Answer.ProblemAsync(await hris.PostAsJsonAsync("/api/departures", new
        {
            employeeId = $"E2-{unique}", fullName = person.Name, workEmail = $"new.{unique}@acme.example", personalEmail = person.Personal.ToUpperInvariant(),
            department = "Platform", role = "Engineer", manager = new { name = "Mona Manager", email = managerEmail }, lastDay = "2026-11-30", reason = "studies",
        }), HttpStatusCode.UnprocessableEntity);
        var departures = await ImportAsync(hris, "/api/imports/departures", string.Join('\n',
            "employeeId,fullName,workEmail,personalEmail,department,role,managerName,managerEmail,lastDay,reason",
            $"E3-{unique},{person.Name},{person.Work},,Platform,Engineer,Mona Manager,{managerEmail},2026-11-30,studies",
            $"E4-{unique},Someone Else,else.{unique}@acme.example,,Platform,Engineer,Mona Manager,{managerEmail},2026-11-30,studies") + "\n");
        Assert.Equal((2L, 1L, 1L), (departures.GetProperty("read").GetInt64(), departures.GetProperty("created").GetInt64(), departures.GetProperty("suppressed").GetInt64()));
        var ats = new HttpClient { BaseAddress = _candidates }.As(Roles.Integration);
        var applications = await ImportAsync(ats, "/api/imports/applications", string.Join('\n',
            "externalSystem,externalId,fullName,email,jobId,channel,appliedAt",
            $"workday,{unique}-1,{person.Name},{person.Personal},{job.Id()},linkedin,2026-11-02T09:00:00Z") + "\n");
        Assert.Equal((1L, 0L, 1L), (applications.GetProperty("read").GetInt64(), applications.GetProperty("created").GetInt64(), applications.GetProperty("suppressed").GetInt64()));
        Assert.Contains(applications.GetProperty("errors").EnumerateArray(), error => error.Str("field") == "email" && error.Str("message").StartsWith("Suppressed", StringComparison.Ordinal));
        string[] secrets = [person.Name, person.Personal, person.Work, person.Phone, person.Notes, person.Recommendation, $"ingrid-{unique}", $"Ødegård-{unique}", otherAddress];
        var found = await Eventually.WaitForAsync(() => Task.FromResult(BytesLeft(secrets)), left => left.Count == 0, TimeSpan.FromSeconds(15), 500);
        Assert.True(found.Count == 0, string.Join('\n', found));

        // The logs never held it: structured logs carry ids, not names or addresses.
        Assert.True(_logs.Count > 20, $"{_logs.Count} log entries captured");
        var logged = _logs.Text();
        Assert.True(secrets.All(secret => !logged.Contains(secret, StringComparison.OrdinalIgnoreCase)), "a log entry holds the person's data:\n" +
            string.Join('\n', logged.Split('\n').Where(line => secrets.Any(secret => line.Contains(secret, StringComparison.OrdinalIgnoreCase))).Take(5)));
    }

    private static async Task<JsonElement> ImportAsync(HttpClient client, string path, string csv)
    {
        var accepted = await client.PostAsync(path, new StringContent(csv, new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv")));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        return await Eventually.WaitForAsync(
            async () => await Answer.OkAsync(await client.GetAsync(accepted.Headers.Location!.ToString())),
            import => import.Str("status") != "running", TimeSpan.FromSeconds(60));
    }

    private async Task<string> StatisticsAsync()
    {
        var alumni = await new HttpClient { BaseAddress = _alumni }.As(Roles.Hr).GetStringAsync("/api/stats");
        var funnel = await new HttpClient { BaseAddress = _candidates }.As(Roles.Hr).GetStringAsync("/api/stats/funnel");
        var coverage = await new HttpClient { BaseAddress = _recommendations }.As(Roles.Hr).GetStringAsync("/api/stats");
        return string.Join('\n', alumni, funnel, coverage);
    }

    /// <summary>Which secret is still in which file, as UTF-8 or UTF-16 bytes.</summary>
    private List<string> BytesLeft(IEnumerable<string> secrets)
    {
        var left = new List<string>();
        foreach (var file in _databases.Values.SelectMany(path => new[] { path, path + "-wal" }).Where(File.Exists))
        {
            var bytes = File.ReadAllBytes(file);
            foreach (var secret in secrets)
            {
                foreach (var (encoding, name) in new[] { (Encoding.UTF8, "UTF-8"), (Encoding.Unicode, "UTF-16") })
                {
                    if (bytes.AsSpan().IndexOf(encoding.GetBytes(secret)) >= 0)
                    {
                        left.Add($"{Path.GetFileName(file)} holds \"{secret}\" ({name})");
                    }
                }
            }
        }

        return left;
    }

    private async Task<T?> ScalarAsync<T>(string service, string sql, object parameters)
    {
        var database = new Database(new DatabaseOptions { ConnectionString = $"Data Source={_databases[service]}" }, "probe");
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<T>(sql, parameters);
    }

    private void Capture(IServiceCollection services) => services.AddSingleton<ILoggerProvider>(_logs);

    private async Task<Uri> StartAsync<TProgram>(string service, Func<string, ServiceHost<TProgram>> create, string? path = null)
        where TProgram : class
    {
        path ??= TestDatabase.NewPath($"erasure-{service}");
        _databases[service] = path;
        var host = create(path);
        _hosts.Add(host);
        return await host.ListenAsync();
    }
}
