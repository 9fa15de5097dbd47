using System.Reflection;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using TalentNet.Storage;
using Xunit;

namespace TalentNet.Testing;

/// <summary>
/// Checks a service's migration that builds the dashboard counts from existing rows: run over the
/// data a test recorded, it must give exactly the counts the writes kept.
/// </summary>
public static class TallyRebuild
{
    public static async Task AssertRebuildsAsync(IServiceProvider services, Assembly migrations, string script)
    {
        var database = services.GetRequiredService<Database>();
        var kept = await CountsAsync(database);
        Assert.NotEmpty(kept);
        await using (var connection = await database.OpenAsync())
        {
            await connection.ExecuteAsync("DELETE FROM dashboard_tallies");

            // Schema changes in the script ran already; only its counting statements run again.
            var statements = Script(migrations, script).Split(';', StringSplitOptions.RemoveEmptyEntries)
                .Where(statement => statement.Contains("INSERT INTO dashboard_tallies", StringComparison.Ordinal));
            foreach (var statement in statements)
            {
                await connection.ExecuteAsync(statement);
            }
        }

        Assert.Equal(kept, await CountsAsync(database));
    }

    private static async Task<List<string>> CountsAsync(Database database)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<string>(
            "SELECT metric || '|' || month || '|' || department || '|' || channel || '|' || campaign || '|' || label || '|' || value || '=' || total FROM dashboard_tallies WHERE total <> 0 ORDER BY 1"))
            .ToList();
    }

    private static string Script(Assembly assembly, string file)
    {
        var name = assembly.GetManifestResourceNames().Single(resource => resource.EndsWith($".Migrations.Sqlite.{file}", StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        return reader.ReadToEnd();
    }
}
