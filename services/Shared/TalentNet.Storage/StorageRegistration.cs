using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TalentNet.Storage;

public static class StorageRegistration
{
    /// <summary>
    /// The service's own database: options from <c>Database:*</c>, migrations applied at start-up
    /// (before any other hosted service), and a readiness check.
    /// </summary>
    public static IServiceCollection AddServiceDatabase(
        this IServiceCollection services, IConfiguration configuration, string serviceName, Assembly migrations)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();

        // While the host is being built, as every other section is checked: checked only where the
        // Database is first made, the failure came after the host was built, and a test factory once
        // found that host already disposed and reported that instead.
        options.ThrowIfInvalid();
        services.AddSingleton(options);
        services.AddSingleton(provider => new Database(options, serviceName, provider.GetService<ILogger<Database>>()));
        services.AddSingleton(new MigrationModule(serviceName, migrations));
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, MigrationHostedService>());
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            services.AddHostedService<Sqlite.SqliteCheckpointer>();
        }

        return services;
    }

    private sealed class MigrationHostedService(
        Database database, DatabaseOptions options, IEnumerable<MigrationModule> modules, IHostApplicationLifetime lifetime,
        ILogger<MigrationHostedService> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            var ordered = modules.OrderBy(module => module.Order).ToList();
            if (options.Migrations == MigrationMode.Verify)
            {
                Migrator.Verify(database, ordered, logger);
                return Task.CompletedTask;
            }

            Migrator.Apply(database, ordered, logger);
            if (options.Migrations == MigrationMode.Only)
            {
                LogMigrated(logger);
                lifetime.StopApplication();
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private static readonly Action<ILogger, Exception?> LogMigratedMessage =
        LoggerMessage.Define(LogLevel.Information, new EventId(1, "Migrated"), "The schema is up to date; Database:Migrations is Only, so the service stops.");

    private static void LogMigrated(ILogger logger) => LogMigratedMessage(logger, null);

    private sealed class DatabaseHealthCheck(Database database) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var connection = await database.OpenAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT 1";
                await command.ExecuteScalarAsync(cancellationToken);
                return HealthCheckResult.Healthy($"{database.Provider} reachable");
            }
            catch (Exception exception) when (exception is System.Data.Common.DbException or InvalidOperationException)
            {
                return HealthCheckResult.Unhealthy($"{database.Provider} unreachable", exception);
            }
        }
    }
}
