using System.Diagnostics;
using System.Globalization;
using Dapper;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TalentNet.Bench.Backbone;
using TalentNet.Messaging;
using TalentNet.Storage;
using TalentNet.Testing;

// Usage: dotnet run -c Release --project bench/TalentNet.Bench.Backbone [-- --rate 1000 --seconds 10 --burst 20000 --writers 100 --only steady,burst --progress --rounds 1]
var rate = Argument("--rate", 1000);
var seconds = Argument("--seconds", 10);
var burst = Argument("--burst", 20000);
var only = args.SkipWhile(arg => arg != "--only").Skip(1).FirstOrDefault()?.Split(',') ?? ["steady", "burst"];

PrivateRabbitMqNode? node = null;
string url;
if (Environment.GetEnvironmentVariable("RABBITMQ_URL") is { Length: > 0 } external)
{
    url = external;
}
else
{
    node = await PrivateRabbitMqNode.StartAsync("bench");
    url = await RabbitMqBroker.For(node).CreateVirtualHostAsync("bench");
}

var raw = new Latencies();
var backbone = new Latencies();
var rawBus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
{
    rabbit.Host(new Uri(url));
    rabbit.ReceiveEndpoint("bench-raw", endpoint =>
    {
        endpoint.PrefetchCount = 100;
        endpoint.Consumer(() => new RawPingedConsumer(new RawLatencies(raw)));
    });
});
await rawBus.StartAsync();

var directory = Path.Combine(Path.GetTempPath(), "talentnet-bench", Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(directory);
using var consumerHost = BuildHost("bench-consumer", Path.Combine(directory, "consumer.db"), url, bus => bus.AddConsumer<RowRecordedConsumer>(), relay: false, backbone);
using var producerHost = BuildHost("bench-producer", Path.Combine(directory, "producer.db"), url, _ => { }, relay: true, backbone);
await consumerHost.StartAsync();
await producerHost.StartAsync();
var producerDb = producerHost.Services.GetRequiredService<Database>();
var outbox = producerHost.Services.GetRequiredService<Outbox>();
await Task.Delay(2000); // both buses connected and bound

var sequence = 0;
async Task PublishRawAsync() =>
    await rawBus.Publish(new RawPinged(Guid.NewGuid(), DateTimeOffset.UtcNow, Interlocked.Increment(ref sequence)));

async Task WriteRowAndEventAsync()
{
    // Time-ordered, as every service's event ids (Guid.CreateVersion7): the outbox's and the inbox's
    // indexes on the id then grow at one end instead of taking writes all over.
    var id = Guid.CreateVersion7();
    var number = Interlocked.Increment(ref sequence);
    await using var session = await producerDb.BeginAsync();
    await session.Connection.ExecuteAsync(RowRecordedConsumer.InsertSql, new { EventId = id, Sequence = number, Now = DateTimeOffset.UtcNow }, session.Transaction);
    await outbox.EnqueueAsync(session, new RowRecorded(id, DateTimeOffset.UtcNow, number));
    await session.CommitAsync();
}

Console.WriteLine($"Broker: {(node is null ? "RABBITMQ_URL" : $"private node on {node.AmqpPort}")}; {Environment.ProcessorCount} cores; SQLite WAL");
Console.WriteLine("warming up ...");
await SteadyAsync(PublishRawAsync, raw, 500, 2, concurrent: true);
await SteadyAsync(WriteRowAndEventAsync, backbone, 500, 2, concurrent: false);

var table = new List<string> { "", "| run | events | events/s | p50 ms | p99 ms |", "|---|---|---|---|---|" };
var ratios = new List<string>();
if (only.Contains("steady"))
{
    var rawSteady = await SteadyAsync(PublishRawAsync, raw, rate, seconds, concurrent: true);
    var backboneSteady = await SteadyAsync(WriteRowAndEventAsync, backbone, rate, seconds, concurrent: false);
    table.Add(Row($"(a) raw MassTransit, steady {rate}/s", rawSteady));
    table.Add(Row($"(b) outbox→relay→inbox, steady {rate}/s", backboneSteady));
    ratios.Add(Invariant($"ratio (b)/(a) steady throughput: {backboneSteady.PerSecond / rawSteady.PerSecond:F2}"));
    ratios.Add(Invariant($"(b) p99 at steady {rate}/s: {backboneSteady.P99:F1} ms (target < 50 ms)"));
}

if (only.Contains("burst"))
{
    // --rounds N: N bursts of each side, alternating, each round's ratio printed; the table keeps the last
    // round, and the median and the lowest of the rounds show how far one burst is from the others.
    var rounds = new List<double>();
    for (var round = 1; round < Argument("--rounds", 1); round++)
    {
        var rawRound = await BurstAsync(PublishRawAsync, raw, burst, writers: 100);
        var backboneRound = await BurstAsync(WriteRowAndEventAsync, backbone, burst, writers: Argument("--writers", 100));
        rounds.Add(backboneRound.PerSecond / rawRound.PerSecond);
        Console.WriteLine(Invariant($"  round {round}: raw {rawRound.PerSecond:F0}/s, backbone {backboneRound.PerSecond:F0}/s, ratio {rounds[^1]:F2}"));
    }

    // The same concurrency on both sides: 100 publishes in flight, 100 writers committing.
    var rawBurst = await BurstAsync(PublishRawAsync, raw, burst, writers: 100);
    // --progress: the outbox backlog and the events consumed, every second of the backbone's burst.
    using var progress = new CancellationTokenSource();
    var watcher = !args.Contains("--progress") ? Task.CompletedTask : Task.Run(async () =>
    {
        while (!progress.IsCancellationRequested)
        {
            await using var connection = await producerDb.OpenAsync();
            var pending = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox_messages WHERE processed_at IS NULL");
            Console.WriteLine($"   {DateTime.Now:HH:mm:ss.f} outbox pending {pending}, consumed {backbone.Count}");
            await Task.Delay(1000);
        }
    });
    var backboneBurst = await BurstAsync(WriteRowAndEventAsync, backbone, burst, writers: Argument("--writers", 100));
    progress.Cancel();
    await watcher;
    table.Add(Row("(a) raw MassTransit, max rate", rawBurst));
    table.Add(Row("(b) outbox→relay→inbox, max rate", backboneBurst));
    ratios.Add(Invariant($"ratio (b)/(a) max throughput: {backboneBurst.PerSecond / rawBurst.PerSecond:F2} (target >= 0.6)"));
    if (rounds.Count > 0)
    {
        rounds.Add(backboneBurst.PerSecond / rawBurst.PerSecond);
        rounds.Sort();
        ratios.Add(Invariant($"over {rounds.Count} rounds: median {rounds[rounds.Count / 2]:F2}, lowest {rounds[0]:F2}, highest {rounds[^1]:F2}"));
    }
}

Console.WriteLine(string.Join(Environment.NewLine, [.. table, "", .. ratios]));

await producerHost.StopAsync();
await consumerHost.StopAsync();
await rawBus.StopAsync();
if (node is not null)
{
    await node.DisposeAsync();
}

Directory.Delete(directory, recursive: true);
return;

static async Task<Result> SteadyAsync(Func<Task> send, Latencies latencies, int perSecond, int duration, bool concurrent)
{
    latencies.Reset();
    var total = perSecond * duration;
    var inFlight = new List<Task>();
    var clock = Stopwatch.StartNew();
    for (var i = 0; i < total;)
    {
        var due = TimeSpan.FromSeconds((double)i / perSecond);
        if (clock.Elapsed < due)
        {
            await Task.Delay(1);
            continue;
        }

        if (concurrent)
        {
            inFlight.Add(send());
        }
        else
        {
            await send();
        }

        i++;
    }

    await Task.WhenAll(inFlight);
    await WaitForAsync(latencies, total);
    return new Result(total, total / clock.Elapsed.TotalSeconds, latencies.Percentile(0.5), latencies.Percentile(0.99));
}

static async Task<Result> BurstAsync(Func<Task> send, Latencies latencies, int total, int writers)
{
    latencies.Reset();
    var remaining = total;
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var allocated = GC.GetTotalAllocatedBytes();
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, writers).Select(async _ =>
    {
        while (Interlocked.Decrement(ref remaining) >= 0)
        {
            await send();
        }
    }));
    var written = clock.Elapsed;
    await WaitForAsync(latencies, total);
    var cpuPerEvent = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / total;
    var allocatedPerEvent = (GC.GetTotalAllocatedBytes() - allocated) / 1024.0 / total;
    Console.WriteLine(Invariant($"  burst of {total}: sent in {written.TotalSeconds:F2} s, all consumed after {clock.Elapsed.TotalSeconds:F2} s; this process's CPU {cpuPerEvent:F0} µs and {allocatedPerEvent:F1} KiB allocated per event"));
    return new Result(total, total / clock.Elapsed.TotalSeconds, latencies.Percentile(0.5), latencies.Percentile(0.99));
}

static async Task WaitForAsync(Latencies latencies, int total)
{
    var deadline = Stopwatch.StartNew();
    while (latencies.Count < total && deadline.Elapsed < TimeSpan.FromSeconds(120))
    {
        await Task.Delay(5);
    }

    if (latencies.Count < total)
    {
        throw new TimeoutException($"only {latencies.Count} of {total} events arrived");
    }
}

static string Row(string name, Result result) =>
    Invariant($"| {name} | {result.Events} | {result.PerSecond:F0} | {result.P50:F1} | {result.P99:F1} |");

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

int Argument(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

static IHost BuildHost(string name, string databasePath, string url, Action<IBusRegistrationConfigurator> consumers, bool relay, Latencies backbone)
{
    var builder = Host.CreateApplicationBuilder();
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Database:ConnectionString"] = $"Data Source={databasePath};Pooling=True",
        ["Messaging:RabbitMqUrl"] = url,
        ["Messaging:PrefetchCount"] = "100",
        ["Messaging:Outbox:RelayEnabled"] = relay ? "true" : "false",
        ["Logging:LogLevel:Default"] = "Warning",
    });
    builder.Services.AddSingleton(TimeProvider.System);
    builder.Services.AddSingleton(new BackboneLatencies(backbone));
    builder.Services.AddServiceDatabase(builder.Configuration, name, typeof(RowRecorded).Assembly);
    builder.Services.AddMessaging(builder.Configuration, name, consumers, typeof(RowRecorded).Assembly);
    return builder.Build();
}

internal sealed record Result(int Events, double PerSecond, double P50, double P99);
