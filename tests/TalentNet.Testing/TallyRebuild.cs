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
        await RebuildAsync(database, migrations, script);
        Assert.Equal(kept, await CountsAsync(database));
    }

    /// <summary>Empties the counts and runs the script's counting statements again (its schema changes ran already).</summary>
    public static async Task RebuildAsync(Database database, Assembly migrations, string script)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync("DELETE FROM dashboard_tallies");
        var statements = Script(migrations, script).Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Where(statement => statement.Contains("INSERT", StringComparison.Ordinal) && statement.Contains("INTO dashboard_", StringComparison.Ordinal));
        foreach (var statement in statements)
        {
            await connection.ExecuteAsync(statement, commandTimeout: 600);
        }
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
