using System.Text.Json;
using Dapper;
using TalentNet.Alumni.Features.Departures;
using TalentNet.Audit.Retention;
using TalentNet.Storage;

namespace TalentNet.Alumni.Features.Privacy;

/// <summary>
/// Exit-interview notes and sentiment are removed from the departure as recorded once
/// <c>Alumni:Retention:ExitInterviewNotes</c> has passed since the last day. The fingerprint an HRIS
/// retry is compared with stays, so the same file again is still "unchanged".
/// </summary>
public sealed class ExitInterviewNotesRule(Database database, AlumniOptions options) : IRetentionRule
{
    public const string RuleName = "exit-interview-notes";

    // Only bodies that still hold a note or a sentiment (written by the web serializer: "notes":"…").
    internal const string DueSql =
        "SELECT id AS Id, body AS Body FROM departures WHERE last_day < @Before AND (body LIKE '%\"notes\":\"%' OR body LIKE '%\"sentiment\":\"%')";

    internal const string ForgetSql = "UPDATE departures SET body = @Body WHERE id = @Id";

    private sealed class DueRow
    {
        public Guid Id { get; init; }
        public string Body { get; init; } = "{}";
    }

    public string Name => RuleName;

    public string What => "Exit-interview notes and sentiment, counted from the last day";

    public TimeSpan KeptFor => options.Retention.ExitInterviewNotes;

    public async Task<int> ApplyAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var before = DateOnly.FromDateTime((now - KeptFor).UtcDateTime);
        await using var session = await database.BeginAsync(cancellationToken);
        var due = (await session.Connection.QueryAsync<DueRow>(DueSql, new { Before = before }, session.Transaction)).ToList();
        foreach (var row in due)
        {
            var recorded = JsonSerializer.Deserialize<RecordDeparture.Request>(row.Body, RecordDeparture.Json)!;
            var kept = recorded with { ExitInterview = recorded.ExitInterview! with { Notes = null, Sentiment = null } };
            await session.Connection.ExecuteAsync(ForgetSql, new { row.Id, Body = JsonSerializer.Serialize(kept, RecordDeparture.Json) }, session.Transaction);
        }

        await session.CommitAsync(cancellationToken);
        return due.Count;
    }
}
