using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.Testing;

namespace TalentNet.Gateway.Tests;

/// <summary>
/// Need to know, role by field, over every read endpoint Alumni and Recommendations document: with a
/// leaver's exit notes, HR's eligibility note and the manager's decline reason on record (each a unique
/// marker, the decline carried to Alumni by its event) and the leaver under a legal hold, every GET a
/// recruiter or an integration may call answers without any of them, while HR finds all four. A new
/// read that leaks one fails here.
/// </summary>
public sealed class NeedToKnowCrawlTests : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _hosts = [];
    private Uri _alumni = null!;
    private Uri _recommendations = null!;
    private Uri _candidates = null!;

    public async Task InitializeAsync()
    {
        var url = await (await RabbitMqBroker.GetAsync()).CreateVirtualHostAsync("need-to-know");
        _candidates = await StartAsync(new ServiceHost<CandidatesProgram>(TestDatabase.NewPath("ntk-candidates"), url));
        _alumni = await StartAsync(new ServiceHost<AlumniProgram>(TestDatabase.NewPath("ntk-alumni"), url));
        _recommendations = await StartAsync(new ServiceHost<RecommendationsProgram>(TestDatabase.NewPath("ntk-recommendations"), url));
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task No_read_shows_a_recruiter_or_an_integration_the_exit_notes_hrs_note_a_decline_reason_or_a_legal_hold()
    {
        var marker = Guid.NewGuid().ToString("N")[..10];
        var secrets = new Dictionary<string, string>
        {
            ["the exit notes"] = $"exit-notes-{marker}", ["HR's note"] = $"hr-note-{marker}", ["the decline reason"] = $"decline-reason-{marker}",
            ["the legal hold"] = "\"legalHold\":true",
        };
        var manager = $"mgr.{marker}@acme.example";
        var hr = new HttpClient { BaseAddress = _alumni }.As(Roles.Hr);
        var departure = await Answer.CreatedAsync(await hr.PostAsJsonAsync("/api/departures", new
        {
            employeeId = $"E-{marker}", fullName = "Nils Need", workEmail = $"nils.{marker}@acme.example", personalEmail = $"nils.{marker}@example.org",
            department = "Platform", role = "Engineer", manager = new { name = "Mona Manager", email = manager },
            lastDay = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-10)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            reason = "performance", exitInterview = new { wouldReturn = "no", notes = secrets["the exit notes"] },
            consents = new { alumniNetwork = true, rehireOutreach = true, recommendationRequest = true, referralAsk = true },
        }));
        var alumnusId = departure.Id("alumnusId");
        await Answer.OkAsync(await hr.PutAsJsonAsync($"/api/alumni/{alumnusId}/eligibility", new { eligibility = "eligible", note = secrets["HR's note"] }));
        await Answer.OkAsync(await hr.PutAsJsonAsync($"/api/alumni/{alumnusId}/legal-hold", new { hold = true }));
        var requests = new HttpClient { BaseAddress = _recommendations }.As(Roles.Hr);
        var request = await Eventually.WaitForAsync(
            async () => (await Answer.OkAsync(await requests.GetAsync($"/api/recommendation-requests?pageSize=100"))).GetProperty("items").EnumerateArray()
                .Where(item => item.Id("alumnusId") == alumnusId).Select(item => (Guid?)item.Id()).FirstOrDefault(),
            id => id is not null, TimeSpan.FromSeconds(60), 250);
        Assert.NotNull(request);
        await Answer.OkAsync(await new HttpClient { BaseAddress = _recommendations }.As(Roles.Manager, manager)
            .PostAsJsonAsync($"/api/recommendation-requests/{request}/decline", new { reason = secrets["the decline reason"] }));
        var job = await Answer.CreatedAsync(await new HttpClient { BaseAddress = _candidates }.As(Roles.Admin).PostAsJsonAsync("/api/jobs", new
        {
            title = "Platform Engineer", department = "Platform", skills = new[] { "go" }, hiringManagerEmail = manager,
        }));
        await Eventually.WaitForAsync(
            async () => (await Answer.OkAsync(await hr.GetAsync($"/api/alumni/{alumnusId}/timeline?pageSize=100"))).ToString(),
            timeline => timeline.Contains(secrets["the decline reason"], StringComparison.Ordinal), TimeSpan.FromSeconds(60), 250);

        var ids = new Dictionary<string, Guid>
        {
            ["/api/alumni/"] = alumnusId, ["/api/departures/"] = departure.Id(), ["/api/recommendation-requests/"] = request!.Value, ["/api/jobs/"] = job.Id(),
        };
        var seenByHr = new HashSet<string>();
        var reads = 0;
        foreach (var service in new[] { _alumni, _recommendations })
        {
            foreach (var path in await ReadPathsAsync(service, ids, $"nils.{marker}@example.org"))
            {
                foreach (var (role, email) in new[] { (Roles.Recruiter, (string?)null), (Roles.Integration, null), (Roles.Hr, null) })
                {
                    using var response = await new HttpClient { BaseAddress = service }.As(role, email).GetAsync(path);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        continue;
                    }

                    reads++;
                    var body = await response.Content.ReadAsStringAsync();
                    foreach (var (name, _) in secrets.Where(secret => body.Contains(secret.Value, StringComparison.Ordinal)))
                    {
                        Assert.True(role == Roles.Hr, $"{role} reads {name} at GET {path}");
                        seenByHr.Add(name);
                    }
                }
            }
        }

        Assert.True(reads > 20, $"{reads} reads answered");
        Assert.Equal(secrets.Keys.Order(), seenByHr.Order());
    }

    /// <summary>Every documented GET, its path filled with the ids the test made and an email parameter with the leaver's address.</summary>
    private static async Task<List<string>> ReadPathsAsync(Uri service, Dictionary<string, Guid> ids, string email)
    {
        var document = JsonNode.Parse(await new HttpClient { BaseAddress = service }.GetStringAsync("/swagger/v1/swagger.json"))!;
        var paths = new List<string>();
        foreach (var (template, item) in document["paths"]!.AsObject())
        {
            if (item!["get"] is not { } get)
            {
                continue;
            }

            var query = (get["parameters"]?.AsArray() ?? []).Where(parameter => parameter!["in"]?.GetValue<string>() == "query").ToList();
            if (query.Any(parameter => parameter!["required"]?.GetValue<bool>() == true && parameter["name"]!.GetValue<string>() != "email"))
            {
                continue;
            }

            var byEmail = query.Any(parameter => parameter!["name"]!.GetValue<string>() == "email");

            var path = template;
            foreach (var (prefix, id) in ids.Where(pair => template.StartsWith(pair.Key, StringComparison.Ordinal)))
            {
                path = System.Text.RegularExpressions.Regex.Replace(path, @"\{[^}]+\}", id.ToString(), System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
            }

            if (!path.Contains('{', StringComparison.Ordinal))
            {
                paths.Add(path + (byEmail ? $"?email={Uri.EscapeDataString(email)}" : "?pageSize=100"));
            }
        }

        return paths;
    }

    private async Task<Uri> StartAsync<TProgram>(ServiceHost<TProgram> host)
        where TProgram : class
    {
        _hosts.Add(host);
        return await host.ListenAsync();
    }
}
