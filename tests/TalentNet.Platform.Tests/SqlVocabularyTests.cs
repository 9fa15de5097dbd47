using System.Text.RegularExpressions;
using TalentNet.Testing;

namespace TalentNet.Platform.Tests;

/// <summary>Statuses, channels and other vocabulary values reach SQL as parameters, never as literals in its text.</summary>
public sealed partial class SqlVocabularyTests
{
    [Fact]
    public void No_service_sql_compares_or_writes_a_vocabulary_literal()
    {
        var offenders = Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "services"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(path => File.ReadLines(path).Select((line, index) => (path, line, number: index + 1)))
            .Where(entry => SqlLine().IsMatch(entry.line) && WordLiteral().IsMatch(entry.line))
            .Select(entry => $"{Path.GetRelativePath(RepositoryRoot.Path, entry.path)}:{entry.number}: {entry.line.Trim()}")
            .ToList();
        Assert.True(offenders.Count == 0, "Pass these as parameters (value.ToWire()):\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void The_check_sees_a_literal_when_there_is_one()
    {
        const string line = "UPDATE referrals SET status = 'hired' WHERE id = @Id";
        Assert.True(SqlLine().IsMatch(line) && WordLiteral().IsMatch(line));
        Assert.DoesNotMatch(WordLiteral(), "EXEC sp_getapplock @Resource = N'talentnet-outbox-claim'");
    }

    [GeneratedRegex(@"\b(SELECT|UPDATE|INSERT|WHERE|SET|VALUES|CASE|THEN|AND|OR)\b")]
    private static partial Regex SqlLine();

    // A quoted lower-case word, as statuses and channels are; N'…' (SQL Server names) and LIKE patterns are not vocabulary.
    [GeneratedRegex(@"(?<![N%])'[a-z][a-z-]+'")]
    private static partial Regex WordLiteral();
}
