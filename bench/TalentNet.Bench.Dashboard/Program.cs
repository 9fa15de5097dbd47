using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using TalentNet.Bench.Dashboard;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.Storage;
using TalentNet.Testing;

// Usage: dotnet run -c Release --project bench/TalentNet.Bench.Dashboard [-- --applications 1000000 --departures 100000 --requests 100000 --seconds 5]
// One process hosts the three services and the gateway on Kestrel and loads them over loopback.
var applications = Argument("--applications", 1_000_000);
var departures = Argument("--departures", 100_000);
var requests = Argument("--requests", 100_000);
var seconds = Argument("--seconds", 5);
var now = DateTimeOffset.UtcNow;
var directory = Path.Combine(Path.GetTempPath(), "talentnet-bench", Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(directory);
foreach (var service in new[] { "Candidates", "Alumni", "Recommendations", "Gateway" })
{
    // The factory finds each app's content root through this variable outside a test assembly.
    Environment.SetEnvironmentVariable($"ASPNETCORE_TEST_CONTENTROOT_TALENTNET_{service.ToUpperInvariant()}",
        Path.Combine(RepositoryRoot.Path, "services", service, $"TalentNet.{service}"));
}

var quiet = new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Error", ["Limits:PermitsPerWindow"] = "100000000" };
await using var candidates = new ServiceHost<CandidatesProgram>(Path.Combine(directory, "candidates.db"), null, quiet);
await using var alumni = new ServiceHost<AlumniProgram>(Path.Combine(directory, "alumni.db"), null, quiet);
await using var recommendations = new ServiceHost<RecommendationsProgram>(Path.Combine(directory, "recommendations.db"), null, quiet);
var candidatesAddress = await candidates.ListenAsync();
var alumniAddress = await alumni.ListenAsync();
var recommendationsAddress = await recommendations.ListenAsync();
await using var gateway = new GatewayHost("Development", new Dictionary<string, string?>(quiet)
{
    ["ReverseProxy:Clusters:candidates:Destinations:service:Address"] = candidatesAddress.ToString(),
    ["ReverseProxy:Clusters:alumni:Destinations:service:Address"] = alumniAddress.ToString(),
    ["ReverseProxy:Clusters:recommendations:Destinations:service:Address"] = recommendationsAddress.ToString(),
});
var gatewayAddress = await gateway.ListenAsync();
var (candidatesDb, alumniDb, recommendationsDb) = (Db(candidates), Db(alumni), Db(recommendations));

var clock = Stopwatch.StartNew();
Console.WriteLine($"seeding {applications:N0} applications, {departures:N0} departures, {requests:N0} requests ...");
var job = await BenchSeed.ApplicationsAsync(candidatesDb, applications, now);
await BenchSeed.AlumniAsync(alumniDb, departures, now);
await BenchSeed.RequestsAsync(recommendationsDb, requests, now);
Console.WriteLine($"  seeded in {clock.Elapsed.TotalSeconds:F0} s");
clock.Restart();
await TallyRebuild.RebuildAsync(candidatesDb, typeof(CandidatesProgram).Assembly, "0006_dashboard_tallies.sql");
await TallyRebuild.RebuildAsync(alumniDb, typeof(AlumniProgram).Assembly, "0002_dashboard_tallies.sql");
await TallyRebuild.RebuildAsync(recommendationsDb, typeof(RecommendationsProgram).Assembly, "0004_dashboard_tallies.sql");
var rebuild = clock.Elapsed;
Console.WriteLine($"  the migrations built the counts in {rebuild.TotalSeconds:F1} s");

using var hr = new HttpClient { BaseAddress = gatewayAddress }.As(Roles.Hr);
var window = $"from={now.AddMonths(-11):yyyy-MM}&to={now:yyyy-MM}";
for (var i = 0; i < 20; i++)
{
    (await hr.GetAsync($"/api/dashboard?{window}")).EnsureSuccessStatusCode();
}

var samples = new List<double>();
for (var i = 0; i < 200; i++)
{
    var one = Stopwatch.StartNew();
    (await hr.GetAsync($"/api/dashboard?{window}")).EnsureSuccessStatusCode();
    samples.Add(one.Elapsed.TotalMilliseconds);
}

samples.Sort();
var sections = new List<string>();
foreach (var (name, address) in new[] { ("candidates", candidatesAddress), ("alumni", alumniAddress), ("recommendations", recommendationsAddress) })
{
    using var direct = new HttpClient { BaseAddress = address }.As(Roles.Hr);
    var times = new List<double>();
    for (var i = 0; i < 50; i++)
    {
        var one = Stopwatch.StartNew();
        (await direct.GetAsync($"/api/dashboard?{window}")).EnsureSuccessStatusCode();
        times.Add(one.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    sections.Add(Invariant($"{name} {times[times.Count / 2]:F1}"));
}

var (firstDay, lastDay) = (new DateOnly(now.AddMonths(-11).Year, now.AddMonths(-11).Month, 1), DateOnly.FromDateTime(now.UtcDateTime));
await FullScan.RunAsync(candidatesDb, alumniDb, recommendationsDb, firstDay, lastDay);
var scans = new List<double>();
for (var i = 0; i < 5; i++)
{
    var one = Stopwatch.StartNew();
    await FullScan.RunAsync(candidatesDb, alumniDb, recommendationsDb, firstDay, lastDay);
    scans.Add(one.Elapsed.TotalMilliseconds);
}

scans.Sort();
var scan = scans[scans.Count / 2];
var p95 = samples[(int)Math.Ceiling(samples.Count * 0.95) - 1];

Console.WriteLine("measuring stage changes with and without keeping the counts ...");
var open = await BenchSeed.OpenApplicationsAsync(candidatesDb, job, 70_000 * seconds, now);
using var recruiter = new HttpClient { BaseAddress = candidatesAddress }.As(Roles.Recruiter);
var next = -1;
var throughput = new Dictionary<bool, List<double>> { [true] = [], [false] = [] };
await StageChangesPerSecondAsync(recruiter, open, () => Interlocked.Increment(ref next), TimeSpan.FromSeconds(seconds));
foreach (var kept in new[] { true, false, false, true, true, false })
{
    Tallies.Suspended = !kept;
    var rate = await StageChangesPerSecondAsync(recruiter, open, () => Interlocked.Increment(ref next), TimeSpan.FromSeconds(seconds));
    throughput[kept].Add(rate);
    Console.WriteLine(Invariant($"  {(kept ? "with counts   " : "without counts")}: {rate:F0} stage changes/s"));
}

Tallies.Suspended = false;
var with = throughput[true].Average();
var without = throughput[false].Average();
Console.WriteLine();
Console.WriteLine("| measure | value | target |");
Console.WriteLine("|---|---|---|");
Console.WriteLine(Invariant($"| GET /api/dashboard, 12 months, warm: p50 / p95 / max | {samples[samples.Count / 2]:F1} / {p95:F1} / {samples[^1]:F1} ms | p95 <= 100 ms |"));
Console.WriteLine($"| each service's section on its own, p50 ms | {string.Join(", ", sections)} | |");
Console.WriteLine(Invariant($"| hand-written full scans of the same numbers (median of 5) | {scan:F0} ms | |"));
Console.WriteLine(Invariant($"| full scans / dashboard p95 | {scan / p95:F1}x | >= 20x |"));
Console.WriteLine(Invariant($"| stage changes/s with / without the counts (mean of 3 each) | {with:F0} / {without:F0} | |"));
Console.WriteLine(Invariant($"| cost of keeping the counts | {(1 - (with / without)) * 100:F1} % | <= 15 % |"));
Console.WriteLine(Invariant($"| migrations building the counts for the seeded rows | {rebuild.TotalSeconds:F1} s | |"));
Directory.Delete(directory, recursive: true);
return;

static Database Db<TProgram>(ServiceHost<TProgram> host)
    where TProgram : class => host.Services.GetRequiredService<Database>();

// A warm-up round first, then with/without in an order that gives neither side the later turns.
// 16 callers, each moving fresh applications from sourced to contacted (no move is refused).
static async Task<double> StageChangesPerSecondAsync(HttpClient client, List<Guid> open, Func<int> take, TimeSpan duration)
{
    var done = 0;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
    {
        while (clock.Elapsed < duration && take() is var index && index < open.Count)
        {
            var id = open[index];
            var response = await client.PostAsJsonAsync($"/api/applications/{id}/stage", new { stage = "contacted" });
            if (response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref done);
            }
        }
    }));
    return done / clock.Elapsed.TotalSeconds;
}

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

int Argument(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
