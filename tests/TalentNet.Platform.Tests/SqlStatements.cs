using System.Reflection;
using System.Text.RegularExpressions;
using TalentNet.Storage;

namespace TalentNet.Platform.Tests;

/// <summary>
/// Every SQL statement the code can emit. By convention a statement is a static string member whose
/// name ends in <c>Sql</c>, or a static method <c>…Sql</c> taking the <see cref="SqlDialect"/> and/or
/// bool switches for optional filters (every combination is collected).
/// </summary>
internal static partial class SqlStatements
{
    public static readonly Assembly[] CodeAssemblies =
    [
        typeof(CandidatesProgram).Assembly,
        typeof(AlumniProgram).Assembly,
        typeof(RecommendationsProgram).Assembly,
        typeof(IntegrationsProgram).Assembly,
        typeof(Messaging.Outbox).Assembly,
        typeof(Database).Assembly,
        typeof(BulkImport.ImportRunner).Assembly,
        typeof(Audit.AuditLog).Assembly,
    ];

    public static readonly MigrationModule[] Modules =
    [
        new("messaging", typeof(Messaging.Outbox).Assembly, 0),
        MigrationModule.Storage,
        new("imports", typeof(BulkImport.ImportRunner).Assembly, 20),
        new("audit", typeof(Audit.AuditLog).Assembly, 30),
        new("candidates", typeof(CandidatesProgram).Assembly),
        new("alumni", typeof(AlumniProgram).Assembly),
        new("recommendations", typeof(RecommendationsProgram).Assembly),
        new("integrations", typeof(IntegrationsProgram).Assembly),
    ];

    /// <summary>A type argument that meets the parameter's constraints: object, or the first contract event when it must be one.</summary>
    private static Type Satisfying(Type parameter)
    {
        var constraints = parameter.GetGenericParameterConstraints();
        return constraints.Length == 0
            ? typeof(object)
            : Messaging.EventTypes.Contracts.All.First(candidate => constraints.All(constraint => constraint.IsAssignableFrom(candidate)));
    }

    public static IReadOnlyList<(string Name, string Sql)> For(DatabaseProvider provider)
    {
        var dialect = SqlDialect.For(provider);
        var statements = new List<(string, string)>();
        const BindingFlags all = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        foreach (var declared in CodeAssemblies.SelectMany(assembly => assembly.GetTypes()).Where(t => !t.Name.Contains('<', StringComparison.Ordinal)))
        {
            // Generic filters (e.g. the inbox filter) hold their SQL on the open type; close it to read it.
            var type = declared.IsGenericTypeDefinition
                ? declared.MakeGenericType(declared.GetGenericArguments().Select(Satisfying).ToArray())
                : declared;
            foreach (var field in type.GetFields(all).Where(f => f.FieldType == typeof(string) && f.Name.EndsWith("Sql", StringComparison.Ordinal)))
            {
                statements.Add(($"{type.Name}.{field.Name}", (string)field.GetValue(null)!));
            }

            foreach (var property in type.GetProperties(all).Where(p => p.PropertyType == typeof(string) && p.Name.EndsWith("Sql", StringComparison.Ordinal)))
            {
                statements.Add(($"{type.Name}.{property.Name}", (string)property.GetValue(null)!));
            }

            foreach (var method in type.GetMethods(all).Where(IsStatementBuilder))
            {
                // Optional filters are bool switches: every combination is a statement the code can send.
                var parameters = method.GetParameters();
                var switches = parameters.Count(p => p.ParameterType == typeof(bool));
                for (var combination = 0; combination < 1 << switches; combination++)
                {
                    var bit = 0;
                    var arguments = parameters.Select(p => p.ParameterType == typeof(SqlDialect) ? dialect : (object)((combination >> bit++ & 1) == 1)).ToArray();
                    statements.Add(($"{type.Name}.{method.Name}({provider}, #{combination})", (string)method.Invoke(null, arguments)!));
                }
            }
        }

        return statements;
    }

    private static bool IsStatementBuilder(MethodInfo method) =>
        method.ReturnType == typeof(string)
        && method.Name.EndsWith("Sql", StringComparison.Ordinal)
        && method.GetParameters() is { Length: > 0 } parameters
        && parameters.All(p => p.ParameterType == typeof(SqlDialect) || p.ParameterType == typeof(bool));

    /// <summary>Dapper expands <c>IN @List</c> into <c>IN (@List1, @List2)</c> before sending; do the same.</summary>
    public static string AsSent(string sql) => ListParameter().Replace(sql, match => $"IN ({match.Groups[1].Value}1, {match.Groups[1].Value}2)");

    public static IEnumerable<string> Parameters(string sql) =>
        ParameterName().Matches(sql).Select(match => match.Value).Distinct();

    [GeneratedRegex(@"IN\s+(@\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex ListParameter();

    [GeneratedRegex(@"(?<![@\w])@\w+")]
    private static partial Regex ParameterName();
}
