using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using TalentNet.Storage;
using TalentNet.Testing;

namespace TalentNet.Platform.Tests;

public sealed class MigrationTests
{
    [Fact]
    public async Task Sqlite_migrations_run_twice_without_error_and_journal_each_script_once()
    {
        var database = new Database(new DatabaseOptions { ConnectionString = $"Data Source={TestDatabase.NewPath("migrations")}" }, "migrations");
        Migrator.Apply(database, SqlStatements.Modules, NullLogger.Instance);
        await using var connection = await database.OpenAsync();
        var first = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM SchemaVersions");

        Migrator.Apply(database, SqlStatements.Modules, NullLogger.Instance);
        var second = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM SchemaVersions");

        var expected = SqlStatements.Modules.Sum(module => module.Scripts(DatabaseProvider.Sqlite).Count);
        Assert.Equal(expected, first);
        Assert.Equal(first, second);
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
    }

    [Fact]
    public void Every_module_ships_the_same_scripts_for_both_providers()
    {
        foreach (var module in SqlStatements.Modules)
        {
            var sqlite = module.Scripts(DatabaseProvider.Sqlite).Select(script => script.Name);
            var sqlServer = module.Scripts(DatabaseProvider.SqlServer).Select(script => script.Name);
            Assert.Equal(sqlite, sqlServer);
        }
    }

    [Fact]
    public async Task A_service_in_verify_mode_refuses_to_start_while_a_script_is_pending_and_starts_once_the_schema_is_current()
    {
        var path = TestDatabase.NewPath("verify");
        var verify = new Dictionary<string, string?> { ["Database:Migrations"] = "Verify" };
        using (var behind = new ServiceHost<CandidatesProgram>(path, rabbitMqUrl: null, verify))
        {
            var refusal = Assert.ThrowsAny<Exception>(() => behind.CreateClient());
            Assert.Contains("Database:Migrations=Only", refusal.ToString(), StringComparison.Ordinal);
        }

        using (var migration = new ServiceHost<CandidatesProgram>(path, rabbitMqUrl: null, new Dictionary<string, string?> { ["Database:Migrations"] = "Only" }))
        {
            bool stopped;
            try
            {
                migration.CreateClient();
                stopped = migration.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested;
            }
            catch (ObjectDisposedException)
            {
                stopped = true; // it stopped so fast that Run() returned and the host was disposed before the client was made
            }

            Assert.True(stopped, "the migration step stops once the schema is current");
        }

        using var current = new ServiceHost<CandidatesProgram>(path, rabbitMqUrl: null, verify);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await current.CreateClient().GetAsync("/health/live")).StatusCode);
    }
}
