using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using TalentNet.Bench.Candidates;
using TalentNet.Candidates;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.Storage;
using TalentNet.Testing;

// Usage: dotnet run -c Release --project bench/TalentNet.Bench.Candidates [-- --seconds 10 --funnel-rows 1000000 --only get,list,stage,funnel]
// The service and the raw baselines share core 0; wrk runs on core 1 (taskset).
var seconds = Argument("--seconds", 10);
var funnelRows = Argument("--funnel-rows", 1_000_000);
var only = Array.IndexOf(args, "--only") is var at and >= 0 && at + 1 < args.Length
    ? args[at + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase)
    : ["get", "list", "stage", "funnel"];
if (OperatingSystem.IsLinux())
{
    Process.GetCurrentProcess().ProcessorAffinity = 1;
}

var directory = Path.Combine(Path.GetTempPath(), "talentnet-bench", Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(directory);
var databasePath = Path.Combine(directory, "candidates.db");
const int ServicePort = 5191;
const int RawPort = 5192;

// The factory finds the service's content root through this variable outside a test assembly.
Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_TALENTNET_CANDIDATES",
    Path.Combine(RepositoryRoot.Path, "services", "Candidates", "TalentNet.Candidates"));
await using var service = new ServiceHost<CandidatesProgram>(databasePath, rabbitMqUrl: null, new Dictionary<string, string?>
{
    ["Logging:LogLevel:Default"] = "Warning",
    ["Limits:PermitsPerWindow"] = "100000000",
});
service.UseKestrel(ServicePort);
service.StartServer();
var database = new Database(new DatabaseOptions { ConnectionString = $"Data Source={databasePath};Pooling=True" }, "candidates");
await using var raw = await RawBaseline.StartAsync(database, RawPort);

var token = TestAuth.Token(Roles.Recruiter);
using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ServicePort}") };
client.DefaultRequestHeaders.Authorization = new("Bearer", token);

Console.WriteLine("seeding ...");
var job = await Post(client, "/api/jobs", new { title = "Bench job", department = "Engineering", hiringManagerEmail = "ola@acme.example" });
var applicationIds = new List<Guid>();
for (var i = 0; i < 2000; i++)
{
    var candidate = await Post(client, "/api/candidates", new { fullName = $"Candidate {i}", email = $"c{i}@bench.example" });
    var application = await Post(client, "/api/applications", new { candidateId = candidate, jobId = job, source = new { channel = "linkedin", campaign = "bench" } });
    applicationIds.Add(application);
}

var target = applicationIds[^1];

// Each stage change moves a fresh application from sourced to contacted: no request is refused.
var stageIds = await Seed.OpenApplicationsAsync(database, job, 260_000);
var warmupScript = Path.Combine(directory, "stage-warmup.lua");
await File.WriteAllTextAsync(warmupScript, StageScript(stageIds.Take(60_000).ToList(), token));
var script = Path.Combine(directory, "stage.lua");
await File.WriteAllTextAsync(script, StageScript(stageIds.Skip(60_000).ToList(), token));
var rawScript = Path.Combine(directory, "insert.lua");
await File.WriteAllTextAsync(rawScript, "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.body = \"{}\"\n");

Console.WriteLine("loading ...");
var rows = new List<(string Name, LoadResult Api, LoadResult Raw, double Target)>();
if (only.Contains("get"))
{
    rows.Add(("GET /api/applications/{id} vs raw select-by-id",
        await Wrk.RunAsync($"http://127.0.0.1:{ServicePort}/api/applications/{target}", seconds, 16, token),
        await Wrk.RunAsync($"http://127.0.0.1:{RawPort}/raw/applications/{target}", seconds, 16, null), 0.7));
}

if (only.Contains("list"))
{
    // The raw side reads the same page: every column a summary shows. A narrower raw page (the
    // 7 columns of the select-by-id baseline) is printed too, for comparison with earlier runs.
    var list = await Wrk.RunAsync($"http://127.0.0.1:{ServicePort}/api/applications?jobId={job}&pageSize=50", seconds, 16, token);
    rows.Add(("GET /api/applications?jobId= (50) vs raw page of the same columns", list,
        await Wrk.RunAsync($"http://127.0.0.1:{RawPort}/raw/application-summaries?jobId={job}", seconds, 16, null), 0.7));
    rows.Add(("  same, vs a narrower raw page (7 columns)", list,
        await Wrk.RunAsync($"http://127.0.0.1:{RawPort}/raw/applications?jobId={job}", seconds, 16, null), 0.7));
}

if (only.Contains("stage"))
{
    rows.Add(("POST /api/applications/{id}/stage vs raw insert",
        await Wrk.RunAsync($"http://127.0.0.1:{ServicePort}/", seconds, 16, token, script, warmupScript),
        await Wrk.RunAsync($"http://127.0.0.1:{RawPort}/raw/insert", seconds, 16, null, rawScript), 0.5));
}

double? funnel = null, aggregate = null;
if (only.Contains("funnel"))
{
    Console.WriteLine($"seeding {funnelRows:N0} applications for the funnel ...");
    await Seed.ApplicationsAsync(database, funnelRows);
    funnel = await TimeAsync(() => client.GetStringAsync("/api/stats/funnel"));
    aggregate = await TimeAsync(() => RawBaseline.FunnelAggregateAsync(database));
}

Console.WriteLine();
Console.WriteLine("| endpoint | API req/s | API p50/p99 ms | raw req/s | raw p50/p99 ms | ratio | target |");
Console.WriteLine("|---|---|---|---|---|---|---|");
foreach (var (name, api, baseline, goal) in rows)
{
    var ratio = api.RequestsPerSecond / baseline.RequestsPerSecond;
    Console.WriteLine(Invariant($"| {name} | {api.RequestsPerSecond:F0} | {api.P50Ms:F2}/{api.P99Ms:F2} | {baseline.RequestsPerSecond:F0} | {baseline.P50Ms:F2}/{baseline.P99Ms:F2} | {ratio:F2} | >= {goal} |"));
    if (api.Non2xx > 0 || baseline.Non2xx > 0)
    {
        Console.WriteLine(Invariant($"|   non-2xx answers: API {api.Non2xx}, raw {baseline.Non2xx} | | | | | | |"));
    }
}

if (funnel is not null && aggregate is not null)
{
    Console.WriteLine(Invariant($"| GET /api/stats/funnel over {funnelRows:N0} vs hand-written aggregate | {funnel:F0} ms | | {aggregate:F0} ms | | {funnel / aggregate:F2}x time | <= 2x |"));
}

Directory.Delete(directory, recursive: true);
return;

static async Task<Guid> Post(HttpClient client, string path, object body)
{
    var response = await client.PostAsJsonAsync(path, body);
    response.EnsureSuccessStatusCode();
    return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
}

static string StageScript(IReadOnlyList<Guid> ids, string token) =>
    "local ids = {" + string.Join(",", ids.Select(id => $"\"{id}\"")) + "}\n" +
    $"local auth = \"Bearer {token}\"\n" +
    """
    local n = 0
    request = function()
      n = n + 1
      return wrk.format("POST", "/api/applications/" .. ids[n] .. "/stage", { ["Content-Type"] = "application/json", ["Authorization"] = auth }, '{"stage":"contacted"}')
    end
    """;

static async Task<double> TimeAsync(Func<Task> action)
{
    await action();
    var samples = new List<double>();
    for (var i = 0; i < 5; i++)
    {
        var clock = Stopwatch.StartNew();
        await action();
        samples.Add(clock.Elapsed.TotalMilliseconds);
    }

    return samples.Order().ElementAt(samples.Count / 2);
}

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

int Argument(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
