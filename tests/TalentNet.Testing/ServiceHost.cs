using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TalentNet.Testing;

/// <summary>
/// One TalentNet service hosted in the test process, with its own SQLite file, the test signing
/// key and the given broker. Settings override configuration keys (e.g. <c>Messaging:Outbox:BatchSize</c>).
/// </summary>
public sealed class ServiceHost<TService> : WebApplicationFactory<TService>
    where TService : class
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    public ServiceHost(string databasePath, string? rabbitMqUrl, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        DatabasePath = databasePath;
        _services = services;
        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = $"Data Source={databasePath};Pooling=True;Default Timeout=10",
            ["Messaging:RabbitMqUrl"] = rabbitMqUrl ?? "amqp://guest:guest@127.0.0.1:1/",
            ["Messaging:Outbox:RelayEnabled"] = rabbitMqUrl is null ? "false" : "true",
            ["Messaging:Outbox:MaxRetryDelay"] = "00:00:01",
            ["Auth:SigningKey"] = TestAuth.SigningKey,
            ["Alumni:Links:SigningKey"] = TestAuth.AlumniLinkKey,
            ["Privacy:SuppressionKey"] = TestAuth.SuppressionKey,
            // The "Testing" environment is not Development: the local key must be allowed explicitly.
            ["Auth:AllowSymmetricKey"] = "true",
            // Tools in the tests read the documents without signing in, as they do in Development.
            ["OpenApi:Anonymous"] = "true",
            ["Limits:PermitsPerWindow"] = "100000",
            ["Logging:LogLevel:Default"] = "Warning",
            // Broker outages are provoked on purpose; their errors and health reports are not news.
            ["Logging:LogLevel:MassTransit"] = "Critical",
            ["Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks"] = "Critical",
            // A host that refuses to start (a bad setting, on purpose) throws to its test; the log line adds nothing.
            ["Logging:LogLevel:Microsoft.Extensions.Hosting"] = "Critical",
            ["Logging:LogLevel:TalentNet.Messaging.OutboxRelay"] = "Error",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string DatabasePath { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureTestServices(services => services.EnforceSqlServerColumnLengths());
        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }
}

public static class TestDatabase
{
    /// <summary>A fresh database file under the system temp folder.</summary>
    public static string NewPath(string name)
    {
        var directory = Path.Combine(Path.GetTempPath(), "talentnet-tests", "db");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, $"{name}-{Guid.NewGuid():N}.db");
    }
}
