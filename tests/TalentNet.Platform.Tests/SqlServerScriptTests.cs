using Microsoft.SqlServer.TransactSql.ScriptDom;
using TalentNet.Storage;
using TalentNet.Testing;

namespace TalentNet.Platform.Tests;

/// <summary>SQL Server cannot run here, so every statement and migration it would receive is parsed.</summary>
public sealed class SqlServerScriptTests
{
    [Fact]
    public void Every_sql_server_migration_script_parses()
    {
        var scripts = SqlStatements.Modules.SelectMany(module => module.Scripts(DatabaseProvider.SqlServer)).ToList();
        Assert.True(scripts.Count >= 3, $"expected the SQL Server migrations, found {scripts.Count}");
        foreach (var (name, sql) in scripts)
        {
            AssertParses(name, sql);
        }
    }

    [Fact]
    public void Every_sql_server_statement_the_code_emits_parses()
    {
        var statements = SqlStatements.For(DatabaseProvider.SqlServer);
        Assert.True(statements.Count >= 15, $"expected the code's statements, found {statements.Count}");
        foreach (var (name, sql) in statements)
        {
            AssertParses(name, SqlStatements.AsSent(sql));
        }
    }

    [Fact]
    public void The_least_privilege_setup_script_parses()
    {
        var script = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "scripts", "sqlserver", "least-privilege.sql"));
        Assert.Contains("$(CANDIDATES_APP_PASSWORD)", script, StringComparison.Ordinal);
        // sqlcmd puts each -v value in place of $(NAME) before the server sees the script.
        AssertParses("least-privilege.sql", System.Text.RegularExpressions.Regex.Replace(script, @"\$\((\w+)\)", "Aa1-sample-password"));
    }

    [Fact]
    public void The_parser_rejects_sqlite_only_syntax()
    {
        var errors = Parse("SELECT * FROM jobs LIMIT @Take OFFSET @Skip");
        Assert.NotEmpty(errors);
    }

    private static void AssertParses(string name, string sql)
    {
        var errors = Parse(sql);
        Assert.True(errors.Count == 0,
            $"{name}: {string.Join("; ", errors.Select(e => $"line {e.Line}: {e.Message}"))}\n{sql}");
    }

    private static IList<ParseError> Parse(string sql)
    {
        var parser = new TSql170Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        parser.Parse(reader, out var errors);
        return errors;
    }
}
