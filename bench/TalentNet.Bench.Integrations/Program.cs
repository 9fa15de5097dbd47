using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TalentNet.Bench.Integrations;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.Testing;

// Usage: dotnet run -c Release --project bench/TalentNet.Bench.Integrations [-- --rows 100000 --warmup 5000]
//        dotnet run -c Release --project bench/TalentNet.Bench.Integrations -- --outbound [--events 10000 --rate 200]
var rows = Argument("--rows", 100_000);
var warmup = Argument("--warmup", 5_000);
var directory = Path.Combine(Path.GetTempPath(), "talentnet-bench", $"integrations-{Guid.NewGuid():N}");
Directory.CreateDirectory(directory);
Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_TALENTNET_CANDIDATES",
    Path.Combine(RepositoryRoot.Path, "services", "Candidates", "TalentNet.Candidates"));
Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_TALENTNET_INTEGRATIONS",
    Path.Combine(RepositoryRoot.Path, "services", "Integrations", "TalentNet.Integrations"));
if (args.Contains("--outbound"))
{
    await Outbound.RunAsync(Argument("--events", 10_000), Argument("--rate", 200), directory);
    return;
}

var settings = new Dictionary<string, string?>
{
    ["Logging:LogLevel:Default"] = "Warning",
    ["Limits:PermitsPerWindow"] = "100000000",
    ["Imports:SpoolDirectory"] = Path.Combine(directory, "spool"),
    // The test hosts' SQL Server length triggers are not part of the service (nor of either side's cost).
    [SqlServerColumnLengths.Setting] = "false",
};

// Each raw side gets its own freshly migrated database, so that no run finds another's rows.
var rawPath = Path.Combine(directory, "raw.db");
var everythingPath = Path.Combine(directory, "raw-everything.db");
foreach (var path in new[] { rawPath, everythingPath })
{
    await using var migrateOnly = new ServiceHost<CandidatesProgram>(path, rabbitMqUrl: null, settings);
    migrateOnly.CreateClient();
}

await using var service = new ServiceHost<CandidatesProgram>(Path.Combine(directory, "candidates.db"), rabbitMqUrl: null, settings);
var admin = service.CreateClient().As(Roles.Admin);
admin.Timeout = TimeSpan.FromMinutes(30);
var job = await Created(admin, "/api/jobs", new { title = "Bench job", department = "Engineering", hiringManagerEmail = "ola@acme.example" });
var file = Path.Combine(directory, "applications.csv");
await BenchFile.WriteAsync(file, rows, job, "A");
Console.WriteLine($"{rows:N0} rows, {new FileInfo(file).Length / 1024.0 / 1024.0:F1} MiB");

var warmupFile = Path.Combine(directory, "warmup.csv");

// Both sides first run a smaller file of other people (as a service that has imported before has
// compiled its code): the measured runs then compare the work, not the JIT's first pass over it.
if (warmup > 0)
{
    await BenchFile.WriteAsync(warmupFile, warmup, job, "W");
    var rawWarmup = await RawInsert.RunAsync(rawPath, warmupFile, job);
    var (importWarmup, _) = await ImportAsync(warmupFile);
    Console.WriteLine($"warm-up: {warmup:N0} rows, raw {rawWarmup:F1} s, import {importWarmup:F1} s (ratio {rawWarmup / importWarmup:F2})");
}

var rawSeconds = await RawInsert.RunAsync(rawPath, file, job);

using var sampler = MemorySampler.Start();
var (importSeconds, import) = await ImportAsync(file);
var (heapPeak, workingSetPeak, heapBefore) = await sampler.StopAsync();
var outbox = await RawInsert.CountAsync(service.DatabasePath, "SELECT COUNT(*) FROM outbox_messages");

// The reference runs after the import, warm-up included, so that the two measured sides run as they always have.
if (warmup > 0)
{
    await RawInsertOfEverything.RunAsync(everythingPath, warmupFile, job);
}

var everythingSeconds = await RawInsertOfEverything.RunAsync(everythingPath, file, job);
var everythingEvents = await RawInsert.CountAsync(everythingPath, "SELECT COUNT(*) FROM outbox_messages");

Console.WriteLine();
Console.WriteLine("| run | rows | seconds | rows/s |");
Console.WriteLine("|---|---|---|---|");
Console.WriteLine($"| raw batched insert (candidates, external ids, applications; {RawInsert.BatchSize} rows per transaction) | {rows:N0} | {rawSeconds:F1} | {rows / rawSeconds:N0} |");
Console.WriteLine($"| reference: raw batched insert of every row the import writes (emails, final stage and history, events: {everythingEvents:N0} outbox rows, warm-up included) | {rows:N0} | {everythingSeconds:F1} | {rows / everythingSeconds:N0} |");
Console.WriteLine($"| POST /api/imports/applications to completed (events in the outbox, warm-up included: {outbox:N0}) | {import.GetProperty("read").GetInt64():N0} | {importSeconds:F1} | {rows / importSeconds:N0} |");
Console.WriteLine();
Console.WriteLine($"created {import.GetProperty("created").GetInt64():N0}, failed {import.GetProperty("failed").GetInt64():N0}");
Console.WriteLine($"ratio import/raw: {rawSeconds / importSeconds:F2} (target >= 0.50)");
Console.WriteLine($"for reference: raw/raw of everything the import writes {rawSeconds / everythingSeconds:F2}; import/raw of everything {everythingSeconds / importSeconds:F2}");
Console.WriteLine($"managed heap: {heapBefore / 1048576.0:F0} MiB before, peak {heapPeak / 1048576.0:F0} MiB during; peak working set {workingSetPeak / 1048576.0:F0} MiB");

async Task<(double Seconds, JsonElement Import)> ImportAsync(string path)
{
    var clock = Stopwatch.StartNew();
    using var content = new StreamContent(File.OpenRead(path));
    content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
    var accepted = await admin.PostAsync("/api/imports/applications", content);
    accepted.EnsureSuccessStatusCode();
    JsonElement import;
    do
    {
        await Task.Delay(200);
        import = JsonDocument.Parse(await admin.GetStringAsync(accepted.Headers.Location!)).RootElement;
    }
    while (import.GetProperty("status").GetString() == "running");

    return (clock.Elapsed.TotalSeconds, import);
}

int Argument(string name, int fallback) =>
    Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;

static async Task<Guid> Created(HttpClient client, string path, object body)
{
    var response = await client.PostAsJsonAsync(path, body);
    response.EnsureSuccessStatusCode();
    return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
}
