using System.Globalization;
using System.Reflection;
using DbUp;
using DbUp.Builder;
using DbUp.Engine;
using DbUp.Support;
using Microsoft.Extensions.Logging;

namespace TalentNet.Storage;

/// <summary>
/// A module's migration scripts: embedded <c>.sql</c> resources under
/// <c>Migrations/Sqlite/</c> and <c>Migrations/SqlServer/</c> in its assembly.
/// Modules run by <see cref="Order"/> (shared infrastructure first), scripts by file name.
/// </summary>
public sealed record MigrationModule(string Name, Assembly Assembly, int Order = 100)
{
    /// <summary>The storage library's own tables (the dashboard counts), in every service's database.</summary>
    public static MigrationModule Storage { get; } = new("storage", typeof(MigrationModule).Assembly, Order: 10);

    public IReadOnlyList<(string Name, string Sql)> Scripts(DatabaseProvider provider)
    {
        var marker = $".Migrations.{provider}.";
        return Assembly.GetManifestResourceNames()
            .Where(resource => resource.Contains(marker, StringComparison.Ordinal)
                               && resource.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(resource =>
            {
                using var stream = Assembly.GetManifestResourceStream(resource)!;
                using var reader = new StreamReader(stream);
                var file = resource[(resource.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..];
                return ($"{Name}/{file}", reader.ReadToEnd());
            })
            .ToList();
    }
}

public static class Migrator
{
    /// <summary>Applies every script not yet journaled (the storage library's own first); running it again changes nothing.</summary>
    public static void Apply(Database database, IReadOnlyList<MigrationModule> modules, ILogger logger)
    {
        var result = Engine(database, modules, logger, createDatabase: true).PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException(
                $"Migration {result.ErrorScript?.Name ?? "(unknown)"} failed: {result.Error?.Message}", result.Error);
        }
    }

    /// <summary>Refuses, naming the first pending script, when the schema is behind the code; reads the journal only.</summary>
    public static void Verify(Database database, IReadOnlyList<MigrationModule> modules, ILogger logger)
    {
        var pending = Engine(database, modules, logger, createDatabase: false).GetScriptsToExecute();
        if (pending.Count > 0)
        {
            throw new InvalidOperationException(
                $"{DatabaseOptions.Section}:Migrations is {MigrationMode.Verify}, and {pending.Count} migration scripts are pending " +
                $"(first: {pending[0].Name}). Run the migration step ({DatabaseOptions.Section}:Migrations={MigrationMode.Only}) with the login that owns the schema.");
        }
    }

    private static UpgradeEngine Engine(Database database, IReadOnlyList<MigrationModule> modules, ILogger logger, bool createDatabase)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(modules);
        var scripts = modules
            .Prepend(MigrationModule.Storage)
            .DistinctBy(module => module.Name)
            .OrderBy(module => module.Order)
            .SelectMany(module => module.Scripts(database.Provider)
                .Select(script => new SqlScript(script.Name, script.Sql,
                    new SqlScriptOptions { ScriptType = ScriptType.RunOnce, RunGroupOrder = module.Order })))
            .ToList();

        UpgradeEngineBuilder builder;
        if (database.Provider == DatabaseProvider.SqlServer)
        {
            if (createDatabase)
            {
                EnsureDatabase.For.SqlDatabase(database.ConnectionString);
            }

            builder = DeployChanges.To.SqlDatabase(database.ConnectionString);
        }
        else
        {
            EnableWriteAheadLog(database);
            builder = DeployChanges.To.SqliteDatabase(database.ConnectionString);
        }

        return builder
            .WithScripts(scripts)
            .WithTransactionPerScript()
            .LogTo(new DbUpLogger(logger))
            .Build();
    }

    private static void EnableWriteAheadLog(Database database)
    {
        using var connection = database.OpenAsync().GetAwaiter().GetResult();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        command.ExecuteNonQuery();
    }

    /// <summary>DbUp speaks composite format strings; they are rendered before reaching the logger.</summary>
    private sealed class DbUpLogger(ILogger logger) : DbUp.Engine.Output.IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) => Write(LogLevel.Trace, null, format, args);

        public void LogDebug(string format, params object[] args) => Write(LogLevel.Debug, null, format, args);

        public void LogInformation(string format, params object[] args) => Write(LogLevel.Information, null, format, args);

        public void LogWarning(string format, params object[] args) => Write(LogLevel.Warning, null, format, args);

        public void LogError(string format, params object[] args) => Write(LogLevel.Error, null, format, args);

        public void LogError(Exception ex, string format, params object[] args) => Write(LogLevel.Error, ex, format, args);

        private void Write(LogLevel level, Exception? exception, string format, object[] args)
        {
            if (logger.IsEnabled(level))
            {
                var message = args.Length == 0 ? format : string.Format(CultureInfo.InvariantCulture, format, args);
                logger.Log(level, exception, "{Migration}", message);
            }
        }
    }
}
