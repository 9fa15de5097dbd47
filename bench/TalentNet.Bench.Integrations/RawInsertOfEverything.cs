using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using CsvHelper;
using Dapper;
using MassTransit;
using Microsoft.Data.Sqlite;
using TalentNet.Candidates.Features.Applications;
using TalentNet.Candidates.Features.Jobs;
using TalentNet.Contracts;
using TalentNet.Contracts.Candidates;
using TalentNet.Storage;

namespace TalentNet.Bench.Integrations;

/// <summary>
/// A reference, not the target's baseline: the same file written as every row the import leaves behind,
/// with plain batched Dapper inserts: the candidate, its email and ATS id, the application already at
/// its final stage with its history, and the import's events as outbox rows (same types, same JSON).
/// No validation, no look-ups, no upsert, no dashboard counts. What the import takes beyond this is its
/// own work; what this takes beyond <see cref="RawInsert"/> is what the import has to write.
/// </summary>
public static class RawInsertOfEverything
{
    private const string Actor = "bench";

    private const string EmailSql = "INSERT INTO candidate_emails (email, candidate_id) VALUES (@Email, @Id)";

    private const string ApplicationSql =
        """
        INSERT INTO applications (id, candidate_id, job_id, stage, stage_index, furthest_index, is_open, channel, campaign, created_at, updated_at, version, stage_history)
        VALUES (@ApplicationId, @Id, @JobId, @Stage, @StageIndex, @FurthestIndex, @IsOpen, @Channel, @Campaign, @AppliedAt, @Now, @Version, @StageHistory)
        """;

    private const string OutboxSql =
        """
        INSERT INTO outbox_messages (message_id, message_type, payload, headers, created_at, attempts, next_attempt_at)
        VALUES (@MessageId, @MessageType, @Payload, NULL, @Now, 0, @Now)
        """;

    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private static readonly List<string> Pipeline = [.. Job.DefaultPipeline.Select(stage => stage.Key)];

    public static async Task<double> RunAsync(string databasePath, string file, Guid job)
    {
        await using var connection = await RawInsert.OpenAsync(databasePath, job);
        var clock = Stopwatch.StartNew();
        await using var csv = CsvReader.FromFile(file, new CsvReaderOptions { Separator = ',' });
        var (rows, events) = (new List<object>(RawInsert.BatchSize), new List<object>(3 * RawInsert.BatchSize));
        while (await csv.ReadAsync())
        {
            Add(csv, job, rows, events);
            if (rows.Count == RawInsert.BatchSize)
            {
                await WriteAsync(connection, rows, events);
                (rows, events) = ([], []);
            }
        }

        await WriteAsync(connection, rows, events);
        return clock.Elapsed.TotalSeconds;
    }

    private static void Add(CsvReader csv, Guid job, List<object> rows, List<object> events)
    {
        var now = DateTimeOffset.UtcNow;
        var (id, applicationId) = (TimeOrderedId.New(now), TimeOrderedId.New(now));
        var (system, externalId, fullName, email) = (csv.GetString(0), csv.GetString(1), csv.GetString(2), csv.GetString(3));
        var appliedAt = DateTimeOffset.Parse(csv.GetString(7), CultureInfo.InvariantCulture);
        var source = new ApplicationSource(Wire<Channel>.Parse(csv.GetString(5)), csv.GetString(6), null, null, null, null, null);
        var first = Pipeline[0];
        List<StageChange> history = [new(null, first, Actor, null, appliedAt)];
        events.Add(Outbox(new CandidateRegistered(TimeOrderedId.New(now), now, id, fullName, email, null, [], new Dictionary<string, string> { [system] = externalId }), now));
        events.Add(Outbox(new ApplicationSubmitted(TimeOrderedId.New(now), appliedAt, applicationId, id, job, email, first, source), now));
        if (csv.GetString(8) is { Length: > 0 } stage)
        {
            var movedAt = DateTimeOffset.Parse(csv.GetString(9), CultureInfo.InvariantCulture);
            history.Add(new StageChange(first, stage, Actor, null, movedAt));
            events.Add(Outbox(new ApplicationStageChanged(TimeOrderedId.New(now), movedAt, applicationId, id, job, email, first, stage, null, source), now));
        }

        var last = history[^1].To;
        rows.Add(new
        {
            Id = id, ApplicationId = applicationId, FullName = fullName, Email = email, System = system, ExternalId = externalId,
            ExternalIds = JsonSerializer.Serialize(new Dictionary<string, string> { [system] = externalId }), JobId = job,
            Channel = csv.GetString(5), Campaign = csv.GetString(6), AppliedAt = appliedAt, Now = now, Stage = last,
            StageIndex = Pipeline.IndexOf(last), FurthestIndex = Math.Max(0, Pipeline.IndexOf(last)), IsOpen = !Job.TerminalStages.Contains(last),
            Version = history.Count, StageHistory = StageHistory.Write(history),
        });
    }

    private static object Outbox<TEvent>(TEvent @event, DateTimeOffset now)
        where TEvent : class, IIntegrationEvent => new
        {
            MessageId = @event.EventId,
            MessageType = typeof(TEvent).GetCustomAttribute<MessageUrnAttribute>()!.Urn.ToString(),
            Payload = JsonSerializer.Serialize(@event, PayloadJson),
            Now = now,
        };

    private static async Task WriteAsync(SqliteConnection connection, List<object> rows, List<object> events)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(RawInsert.CandidateSql, rows, transaction);
        await connection.ExecuteAsync(EmailSql, rows, transaction);
        await connection.ExecuteAsync(RawInsert.ExternalIdSql, rows, transaction);
        await connection.ExecuteAsync(ApplicationSql, rows, transaction);
        await connection.ExecuteAsync(OutboxSql, events, transaction);
        await transaction.CommitAsync();
    }
}
