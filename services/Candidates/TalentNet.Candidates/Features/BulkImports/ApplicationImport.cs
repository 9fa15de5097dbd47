using System.Globalization;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Options;
using TalentNet.BulkImport;
using TalentNet.Candidates.Features.Applications;
using TalentNet.Candidates.Features.Candidates;
using TalentNet.Candidates.Features.Jobs;
using TalentNet.Contracts;
using TalentNet.Messaging;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Candidates.Features.BulkImports;

/// <summary>
/// POST /api/imports/applications: an ATS export, one application per row. The candidate is upserted
/// by (externalSystem, externalId), the application opened on the TalentNet job at appliedAt (one per
/// candidate and job), then moved to stage at stageChangedAt. The same file again changes nothing.
/// </summary>
public sealed class ApplicationImport(Outbox outbox, SuppressionList suppression, IOptions<CandidatesOptions> options) : ImportKind
{
    // The batch's keys travel as one JSON array each: a list expanded into a parameter per value costs
    // SQLite a linear search of the statement's parameter names per value bound, and SQL Server takes
    // at most 2,100 parameters.
    internal static string HeldExternalIdsSql(SqlDialect dialect) =>
        $"SELECT external_id FROM candidate_external_ids WHERE system = @System AND external_id IN (SELECT value FROM {dialect.JsonValues("@ExternalIds")})";

    internal static string HeldEmailsSql(SqlDialect dialect) => $"SELECT email FROM candidate_emails WHERE email IN (SELECT value FROM {dialect.JsonValues("@Emails")})";

    // By the candidate alone: a filter on the job lets SQLite walk the job's index (every row of a
    // bulk file shares its job) instead of the candidate's few applications.
    internal const string CandidateApplicationsSql = "SELECT id AS Id, job_id AS JobId, created_at AS CreatedAt FROM applications WHERE candidate_id = @CandidateId";

    public override string Name => "applications";

    public override IReadOnlyList<string> RequiredColumns { get; } = ["externalSystem", "externalId", "fullName", "email", "jobId", "channel", "appliedAt"];

    public override IReadOnlyList<string> OptionalColumns { get; } = ["campaign", "stage", "stageChangedAt", "rejectionReason", "phone", "linkedin"];

    public override async Task<RowOutcome> ApplyAsync(DbSession session, ImportRow row, ImportContext context)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(context);
        if (await ParseAsync(session, row, context, options.Value.Reasons) is not { } parsed)
        {
            return RowOutcome.Failed;
        }

        return await suppression.HoldsAnyAsync(session.Connection, session.Transaction, [parsed.Email]) ? Suppressed(row) : await ApplyAsync(session, row, parsed, context);
    }

    private static RowOutcome Suppressed(ImportRow row)
    {
        row.Error("email", SuppressionList.Reason);
        return RowOutcome.Suppressed;
    }

    /// <summary>
    /// The rows of new people (neither their ATS id nor their email is anyone's yet, nor repeated in
    /// the batch: the bulk of a first sync) are written without the per-row look-ups; the others go
    /// the way of a single row, after them, so that a repeat finds the row written before it.
    /// </summary>
    public override async Task<IReadOnlyList<RowOutcome>> ApplyBatchAsync(DbSession session, IReadOnlyList<ImportRow> rows, ImportContext context)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(context);
        var outcomes = new RowOutcome[rows.Count];
        var parsed = new Parsed?[rows.Count];
        for (var index = 0; index < rows.Count; index++)
        {
            parsed[index] = rows[index].Errors.Count > 0 ? null : await ParseAsync(session, rows[index], context, options.Value.Reasons);
            outcomes[index] = RowOutcome.Failed;
        }

        var suppressed = await suppression.AmongAsync(session.Connection, session.Transaction, parsed.Select(row => row?.Email));
        for (var index = 0; index < rows.Count; index++)
        {
            if (parsed[index] is { } row && suppressed.Contains(row.Email))
            {
                outcomes[index] = Suppressed(rows[index]);
                parsed[index] = null;
            }
        }

        var taken = await TakenAsync(session, parsed.OfType<Parsed>().ToList());
        var later = new List<int>();
        session.DeferWrites();
        for (var index = 0; index < rows.Count; index++)
        {
            if (parsed[index] is not { } row)
            {
                continue;
            }

            var keys = row.Keys;
            if (keys.Any(taken.Contains))
            {
                later.Add(index);
            }
            else
            {
                taken.UnionWith(keys);
                outcomes[index] = await ApplyNewAsync(session, row, context);
            }
        }

        await session.WriteDeferredAsync();
        foreach (var index in later)
        {
            outcomes[index] = await ApplyAsync(session, rows[index], parsed[index]!, context);
        }

        return outcomes;
    }

    private async Task<RowOutcome> ApplyNewAsync(DbSession session, Parsed row, ImportContext context)
    {
        var candidate = await Candidate.InsertAsync(
            session, outbox, row.Fields with { ExternalIds = new Dictionary<string, string> { [row.System] = row.ExternalId } }, context.Now);
        await Application.InsertAsync(
            session, outbox, new Applicant(candidate.Id, candidate.Email, null), row.Job, row.Source, context.Actor, row.AppliedAt, context.Now,
            row.FirstMove);
        return RowOutcome.Created;
    }

    /// <summary>The ATS ids and emails of the batch that belong to someone already, as <see cref="Parsed.Keys"/> spells them.</summary>
    private static async Task<HashSet<string>> TakenAsync(DbSession session, List<Parsed> rows)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var system in rows.GroupBy(row => row.System, StringComparer.Ordinal))
        {
            var held = await session.Connection.QueryAsync<string>(
                HeldExternalIdsSql(session.Dialect), new { System = system.Key, ExternalIds = JsonSerializer.Serialize(system.Select(row => row.ExternalId).Distinct()) }, session.Transaction);
            taken.UnionWith(held.Select(externalId => Parsed.ExternalIdKey(system.Key, externalId)));
        }

        var emails = await session.Connection.QueryAsync<string>(
            HeldEmailsSql(session.Dialect), new { Emails = JsonSerializer.Serialize(rows.Select(row => row.Email).Distinct()) }, session.Transaction);
        taken.UnionWith(emails.Select(Parsed.EmailKey));
        return taken;
    }

    private async Task<RowOutcome> ApplyAsync(DbSession session, ImportRow row, Parsed parsed, ImportContext context)
    {
        var (system, externalId, fields, job, source, appliedAt, stage, _, _) = parsed;
        var person = await UpsertCandidate.UpsertAsync(session, outbox, system, externalId, fields, context.Now);
        var candidate = person switch
        {
            Registration.Created created => created.Candidate,
            Registration.Updated updated => updated.Candidate,
            Registration.Unchanged unchanged => unchanged.Candidate,
            _ => null,
        };
        if (candidate is null)
        {
            row.Error("email", person is Registration.ExternalIdTaken
                ? $"The candidate with this email holds another {system} id."
                : "The email belongs to another candidate.");
            return RowOutcome.Failed;
        }

        var existing = (await session.Connection.QueryAsync<(Guid Id, Guid JobId, DateTimeOffset CreatedAt)>(
                CandidateApplicationsSql, new { CandidateId = candidate.Id }, session.Transaction))
            .Where(found => found.JobId == job.Id).OrderByDescending(found => found.CreatedAt).Select(found => (Guid?)found.Id).FirstOrDefault();
        var application = existing is { } id ? await Application.FindAsync(session.Connection, id, session.Transaction) : null;
        if (stage is not null && application is not null && stage != application.Stage
            && ChangeStage.MoveRefusal(application, [.. job.Pipeline.Select(step => step.Key)], stage, "imported") is { } refusal)
        {
            row.Error("stage", refusal);
            return RowOutcome.Failed;
        }

        if (application is null)
        {
            var outcome = await Application.OpenAsync(session, outbox, candidate.Id, job.Id, source, context.Actor, appliedAt, context.Now, parsed.FirstMove);
            return outcome is Opening.Opened ? RowOutcome.Created : throw new InvalidOperationException($"Opening a checked application came to {outcome}.");
        }

        var moved = false;
        if (parsed.FirstMove is { } move && move.Stage != application.Stage)
        {
            var (result, why) = await ChangeStage.MoveAsync(session, outbox, application.Id, move.Stage, context.Actor, move.At, context.Now, move.RejectionReason);
            moved = result is not null && why is null;
        }

        return person is Registration.Created ? RowOutcome.Created
            : person is Registration.Updated || moved ? RowOutcome.Updated
            : RowOutcome.Unchanged;
    }

    private static async Task<Parsed?> ParseAsync(DbSession session, ImportRow row, ImportContext context, IReadOnlyList<string> reasons)
    {
        var validation = new Validation();
        var (system, externalId) = (row["externalSystem"], row["externalId"]);
        Candidate.ValidateCollections(null, null, new Dictionary<string, string> { [system ?? ""] = externalId ?? "" }, validation);
        var profiles = row["linkedin"] is { } linkedin ? new Dictionary<string, string> { ["linkedin"] = linkedin } : null;
        var fields = new CandidateFields(row["fullName"], row["email"], row["phone"], profiles, null, null);
        Candidate.Validate(fields, validation);
        var source = new Source(Wire<Channel>.TryParse(row["channel"], out var channel) ? channel : null, row["campaign"], null, null, null);
        Application.ValidateSource(source, validation);
        validation.Check(row["channel"] is null || source.Channel is not null, "source.channel", $"Must be one of: {string.Join(", ", Wire<Channel>.Names)}.");
        var appliedAt = Instant(row["appliedAt"]);
        var stageChangedAt = Instant(row["stageChangedAt"]);
        validation.Check(appliedAt is not null, "appliedAt", "Required: an ISO 8601 instant, such as 2026-03-01T09:00:00Z.");
        validation.Check(appliedAt is null || appliedAt <= context.Now, "appliedAt", "Must not be in the future.");
        validation.Check(row["stageChangedAt"] is null || stageChangedAt is not null, "stageChangedAt", "An ISO 8601 instant.");
        validation.Check(stageChangedAt is null || (stageChangedAt <= context.Now && stageChangedAt >= appliedAt), "stageChangedAt", "Between appliedAt and now.");
        var job = Guid.TryParse(row["jobId"], out var jobId) ? await JobAsync(session, jobId, context) : null;
        validation.Check(job is not null, "jobId", "No such job.");
        validation.Check(job is null || job.Status == JobStatus.Open, "jobId", "The job is closed.");
        var stage = row["stage"];
        validation.OneOf("rejectionReason", row["rejectionReason"], [.. reasons], required: false);
        validation.Check(row["rejectionReason"] is null || stage == Job.RejectedStage, "rejectionReason", $"Only when stage is {Job.RejectedStage}.");
        validation.Check(stage is null || job is null || job.Pipeline.Any(step => step.Key == stage) || Job.TerminalStages.Contains(stage), "stage", "Not a stage of the job's pipeline.");
        foreach (var (field, messages) in validation.Errors)
        {
            foreach (var message in messages)
            {
                row.Error(field.Replace("source.", "", StringComparison.Ordinal).Replace($"externalIds.{system}", "externalId", StringComparison.Ordinal), message);
            }
        }

        return row.Errors.Count > 0 ? null : new Parsed(system!, externalId!, fields, job!, source, appliedAt!.Value, stage, stageChangedAt, row["rejectionReason"]);
    }

    private static async Task<JobResponse?> JobAsync(DbSession session, Guid id, ImportContext context)
    {
        if (!context.Cache.TryGetValue(id, out var job))
        {
            job = await Job.FindAsync(session.Connection, id, session.Transaction);
            context.Cache[id] = job;
        }

        return (JobResponse?)job;
    }

    private static DateTimeOffset? Instant(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) ? instant.ToUniversalTime() : null;

    private sealed record Parsed(
        string System, string ExternalId, CandidateFields Fields, JobResponse Job, Source Source, DateTimeOffset AppliedAt, string? Stage,
        DateTimeOffset? StageChangedAt, string? RejectionReason)
    {
        public string Email { get; } = Validation.NormalizeEmail(Fields.Email!);

        /// <summary>Where the row's application stands when it is opened now: at its stage since stageChangedAt.</summary>
        public FirstMove? FirstMove => Stage is { } stage ? new FirstMove(stage, StageChangedAt ?? AppliedAt, RejectionReason) : null;

        /// <summary>What makes the row's person someone: their ATS id and their email.</summary>
        public string[] Keys => [ExternalIdKey(System, ExternalId), EmailKey(Email)];

        public static string ExternalIdKey(string system, string externalId) => $"id\n{system}\n{externalId}";

        public static string EmailKey(string email) => $"email\n{email}";
    }
}
