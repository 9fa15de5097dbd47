using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using TalentNet.Storage;

namespace TalentNet.Testing;

/// <summary>
/// SQL Server cannot run here, and SQLite's TEXT holds any length. So that a value the API accepts
/// but a SQL Server column could not hold fails here too (as the 500 it would be in production),
/// every test host's SQLite database gets a trigger per bounded column of the SQL Server schema.
/// </summary>
public static class SqlServerColumnLengths
{
    /// <summary>table → column → the most characters SQL Server's column holds, from the SQL Server migrations.</summary>
    public static Dictionary<string, Dictionary<string, int>> Of(IEnumerable<MigrationModule> modules)
    {
        var lengths = new Dictionary<string, Dictionary<string, int>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (_, sql) in modules.SelectMany(module => module.Scripts(DatabaseProvider.SqlServer)))
        {
            var fragment = new TSql170Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out _);
            fragment.Accept(new ColumnVisitor(lengths));
        }

        return lengths;
    }

    /// <summary>The setting that leaves the triggers out: benchmarks measure the database as the services run it.</summary>
    public const string Setting = "Testing:EnforceSqlServerColumnLengths";

    /// <summary>Installs the triggers once the migrations have run (a hosted service after the migrator).</summary>
    public static IServiceCollection EnforceSqlServerColumnLengths(this IServiceCollection services) =>
        services.AddHostedService<Installer>();

    private sealed class Installer(Database database, IEnumerable<MigrationModule> modules, IConfiguration configuration) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            if (database.Provider != DatabaseProvider.Sqlite || !configuration.GetValue(Setting, true))
            {
                return;
            }

            await using var connection = await database.OpenAsync(cancellationToken);
            var tables = (await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table'")).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var (table, columns) in Of(modules).Where(pair => tables.Contains(pair.Key)))
            {
                var present = (await connection.QueryAsync<string>($"SELECT name FROM pragma_table_info('{table}')")).ToHashSet(StringComparer.OrdinalIgnoreCase);
                foreach (var (column, length) in columns.Where(pair => present.Contains(pair.Key)))
                {
                    foreach (var (suffix, when) in new[] { ("i", "INSERT"), ("u", $"UPDATE OF {column}") })
                    {
                        await connection.ExecuteAsync(
                            $"""
                            CREATE TRIGGER IF NOT EXISTS len_{table}_{column}_{suffix} BEFORE {when} ON {table}
                            WHEN length(NEW.{column}) > {length}
                            BEGIN SELECT RAISE(ABORT, '{table}.{column} holds at most {length} characters on SQL Server'); END
                            """);
                    }
                }
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class ColumnVisitor(Dictionary<string, Dictionary<string, int>> lengths) : TSqlFragmentVisitor
    {
        public override void ExplicitVisit(CreateTableStatement node)
        {
            foreach (var column in node.Definition?.ColumnDefinitions ?? [])
            {
                Add(node.SchemaObjectName.BaseIdentifier.Value, column);
            }
        }

        public override void ExplicitVisit(AlterTableAddTableElementStatement node)
        {
            foreach (var column in node.Definition?.ColumnDefinitions ?? [])
            {
                Add(node.SchemaObjectName.BaseIdentifier.Value, column);
            }
        }

        public override void ExplicitVisit(AlterTableAlterColumnStatement node)
        {
            if (node.DataType is { } type)
            {
                Add(node.SchemaObjectName.BaseIdentifier.Value, node.ColumnIdentifier.Value, type);
            }
        }

        private void Add(string table, ColumnDefinition column) => Add(table, column.ColumnIdentifier.Value, column.DataType);

        private void Add(string table, string column, DataTypeReference? dataType)
        {
            if (dataType is SqlDataTypeReference { SqlDataTypeOption: SqlDataTypeOption.NVarChar or SqlDataTypeOption.VarChar or SqlDataTypeOption.NChar or SqlDataTypeOption.Char } type
                && type.Parameters.Count == 1 && type.Parameters[0] is IntegerLiteral literal && int.TryParse(literal.Value, out var length))
            {
                if (!lengths.TryGetValue(table, out var columns))
                {
                    lengths[table] = columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
                }

                columns[column] = length;
            }
            else
            {
                // Widened to MAX (or to a type without a length): no bound any more.
                lengths.GetValueOrDefault(table)?.Remove(column);
            }
        }
    }
}
