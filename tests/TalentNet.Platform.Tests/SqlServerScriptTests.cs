using Microsoft.SqlServer.TransactSql.ScriptDom;
using TalentNet.Storage;

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
