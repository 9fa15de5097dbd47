using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TalentNet.Storage;

namespace TalentNet.Platform.Tests;

/// <summary>A started host with a service database and nothing else, on the SQLite file at <paramref name="path"/>.</summary>
internal static class DatabaseOnlyHost
{
    public static async Task<IHost> StartAsync(string path, IDictionary<string, string?> settings, ILoggerProvider? logs = null)
    {
        var builder = Host.CreateApplicationBuilder();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings) { ["Database:ConnectionString"] = $"Data Source={path};Pooling=True" });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddServiceDatabase(builder.Configuration, "database-only", typeof(DatabaseOnlyHost).Assembly);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
