using Dapper;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TalentNet.Messaging;
using TalentNet.Storage;

namespace TalentNet.Backbone.Node;

public sealed record NodeOptions(
    string DatabasePath,
    string RabbitMqUrl,
    bool Consume = true,
    bool Relay = true,
    int? HangOn = null,
    string? HangMarker = null,
    bool CrashAfterPublish = false,
    string Queue = BackboneNode.Queue,
    IDictionary<string, string?>? Settings = null);

public static class BackboneNode
{
    public const string Queue = "backbone";

    public static IHost Build(NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = Host.CreateApplicationBuilder();
        var settings = new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = $"Data Source={options.DatabasePath};Pooling=True;Default Timeout=10",
            ["Messaging:RabbitMqUrl"] = options.RabbitMqUrl,
            ["Messaging:PrefetchCount"] = "32",
            ["Messaging:ImmediateRetries"] = "3",
            ["Messaging:Outbox:RelayEnabled"] = options.Relay ? "true" : "false",
            ["Messaging:Outbox:Lease"] = "00:00:03",
            ["Messaging:Outbox:PublishTimeout"] = "00:00:03",
            ["Messaging:Outbox:MaxRetryDelay"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Warning",
            // Brokers and nodes are killed on purpose here: their errors are what the tests assert, not news.
            ["Logging:LogLevel:MassTransit"] = "Critical",
            ["Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks"] = "Critical",
            ["Logging:LogLevel:TalentNet.Messaging.OutboxRelay"] = "Error",
        };
        foreach (var (key, value) in options.Settings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new NodeBehaviour { HangOn = options.HangOn, HangMarker = options.HangMarker });
        builder.Services.AddServiceDatabase(builder.Configuration, "backbone", typeof(BackboneNode).Assembly);
        builder.Services.AddMessaging(builder.Configuration, options.Queue, bus =>
        {
            if (options.Consume)
            {
                bus.AddConsumer<EffectConsumer>();
            }
        }, typeof(ProbeRecorded).Assembly);
        if (options.CrashAfterPublish)
        {
            builder.Services.AddSingleton<IOutboxObserver, KillProcessAfterPublish>();
        }

        return builder.Build();
    }

    /// <summary>Writes probe events through the outbox, <paramref name="perTransaction"/> to a transaction.</summary>
    public static async Task<IReadOnlyList<Guid>> EnqueueAsync(IServiceProvider services, IEnumerable<int> numbers, int perTransaction = 50)
    {
        var database = services.GetRequiredService<Database>();
        var outbox = services.GetRequiredService<Outbox>();
        var ids = new List<Guid>();
        foreach (var chunk in numbers.Chunk(perTransaction))
        {
            await using var session = await database.BeginAsync();
            foreach (var number in chunk)
            {
                var id = Guid.CreateVersion7();
                await outbox.EnqueueAsync(session, new ProbeRecorded(id, DateTimeOffset.UtcNow, number));
                ids.Add(id);
            }

            await session.CommitAsync();
        }

        return ids;
    }

    public static async Task<(long Effects, long Distinct, long Pending)> CountAsync(Database database)
    {
        await using var connection = await database.OpenAsync();
        var effects = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM effects");
        var distinct = await connection.ExecuteScalarAsync<long>("SELECT COUNT(DISTINCT event_id) FROM effects");
        var pending = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox_messages WHERE processed_at IS NULL");
        return (effects, distinct, pending);
    }

    /// <summary>Dies the instant a batch is confirmed by the broker, before it is marked processed.</summary>
    private sealed class KillProcessAfterPublish(ILogger<KillProcessAfterPublish> logger) : IOutboxObserver
    {
        public ValueTask PublishedAsync(IReadOnlyList<Guid> messageIds)
        {
            logger.LogWarning("Published {Count} events; killing the process before they are marked", messageIds.Count);
            Environment.FailFast("relay crash (test)");
            return ValueTask.CompletedTask;
        }
    }
}
