using Microsoft.Extensions.Logging.Abstractions;
using TalentNet.Storage;
using TalentNet.Testing;

namespace TalentNet.Platform.Tests;

public sealed class SqliteStatementTests
{
    [Fact]
    public async Task Every_sqlite_statement_the_code_emits_compiles_against_the_migrated_schema()
    {
        var database = new Database(new DatabaseOptions { ConnectionString = $"Data Source={TestDatabase.NewPath("statements")}" }, "statements");
        Migrator.Apply(database, SqlStatements.Modules, NullLogger.Instance);
        await using var connection = await database.OpenAsync();
        var statements = SqlStatements.For(DatabaseProvider.Sqlite);
        Assert.True(statements.Count >= 15, $"expected the code's statements, found {statements.Count}");
        foreach (var (name, sql) in statements)
        {
            await using var command = connection.CreateCommand();
            var sent = SqlStatements.AsSent(sql);
            command.CommandText = "EXPLAIN " + sent;
            foreach (var parameter in SqlStatements.Parameters(sent))
            {
                var value = command.CreateParameter();
                value.ParameterName = parameter;
                value.Value = DBNull.Value;
                command.Parameters.Add(value);
            }

            var failure = await Record.ExceptionAsync(() => command.ExecuteNonQueryAsync());
            Assert.True(failure is null, $"{name}: {failure?.Message}\n{sent}");
        }
    }
}
