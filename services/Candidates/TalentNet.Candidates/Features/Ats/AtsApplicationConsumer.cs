using Dapper;
using MassTransit;
using Microsoft.Extensions.Options;
using TalentNet.Candidates.Features.Applications;
using TalentNet.Candidates.Features.Candidates;
using TalentNet.Candidates.Features.Jobs;
using TalentNet.Contracts.Integrations;
using TalentNet.Messaging;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Candidates.Features.Ats;

/// <summary>
/// An ATS delivery becomes TalentNet data: the candidate upserted by the ATS's id, the job found by
/// its ATS id (opened when unknown, if configured), the application opened with the mapped channel at
/// the ATS's time, then moved to the mapped stage; a hire is a TalentNet hire (CandidateHired flows).
/// Applying the same delivery again changes nothing.
/// </summary>
public sealed partial class AtsApplicationConsumer(
    ConsumeSession session, Outbox outbox, TimeProvider clock, IOptions<AtsOptions> options, ILogger<AtsApplicationConsumer> logger)
    : IConsumer<AtsApplicationReceived>, IConsumer<AtsStageChanged>, IConsumer<AtsCandidateHired>
{
    internal const string JobIdSql = "SELECT job_id FROM job_external_ids WHERE system = @System AND external_id = @ExternalId";

    internal const string InsertJobIdSql = "INSERT INTO job_external_ids (system, external_id, job_id) VALUES (@System, @ExternalId, @Id)";

    internal const string ApplicationIdSql =
        "SELECT application_id FROM application_external_ids WHERE system = @System AND external_id = @ExternalId";

    internal const string InsertApplicationIdSql =
        "INSERT INTO application_external_ids (system, external_id, application_id) VALUES (@System, @ExternalId, @Id)";

    public Task Consume(ConsumeContext<AtsApplicationReceived> context) =>
        SyncAsync(context.Message.Application, context.Message.Application.StageName, context.Message.Application.AppliedAt ?? context.Message.OccurredAt);

    public Task Consume(ConsumeContext<AtsStageChanged> context) =>
        SyncAsync(context.Message.Application, context.Message.Application.StageName, context.Message.ChangedAt);

    public Task Consume(ConsumeContext<AtsCandidateHired> context) =>
        SyncAsync(context.Message.Application, Job.HiredStage, context.Message.HiredAt);

    private async Task SyncAsync(AtsApplication ats, string? stageName, DateTimeOffset at)
    {
        var db = session.Current;
        var now = clock.GetUtcNow();
        var moment = at > now ? now : at;
        var candidate = await CandidateAsync(db, ats, now);
        if (candidate is null)
        {
            LogSkipped(logger, ats.System, ats.ExternalId, "the candidate has no valid email or name");
            return;
        }

        var job = await JobAsync(db, ats, now);
        if (job is null)
        {
            LogSkipped(logger, ats.System, ats.ExternalId, "the job is unknown and CreateUnknownJobs is off");
            return;
        }

        var application = await ApplicationAsync(db, ats, candidate, job, now);
        if (application is null)
        {
            LogSkipped(logger, ats.System, ats.ExternalId, "the job is closed in TalentNet");
            return;
        }

        var target = AtsStages.KeyFor(job.Pipeline, stageName, options.Value.Stages);
        if (target is null || target == application.Stage)
        {
            return;
        }

        var (_, refusal) = await ChangeStage.MoveAsync(db, outbox, application.Id, target, Actor(ats), moment, now);
        if (refusal is not null)
        {
            LogSkipped(logger, ats.System, ats.ExternalId, refusal);
        }
    }

    private async Task<CandidateResponse?> CandidateAsync(DbSession db, AtsApplication ats, DateTimeOffset now)
    {
        var person = ats.Candidate;
        var profiles = person.Profiles
            .Where(pair => Candidate.ProfileKinds.Contains(pair.Key) && Uri.TryCreate(pair.Value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http")
            .ToDictionary(pair => pair.Key, pair => pair.Value);
        var email = person.Emails.FirstOrDefault(Validation.IsEmail);
        var phone = person.Phone is { Length: <= 50 } ? person.Phone : null;
        var fields = new CandidateFields(person.FullName, email, phone, profiles, null, null);
        var validation = new Validation();
        Candidate.Validate(fields, validation);
        if (!validation.IsValid)
        {
            return null;
        }

        var outcome = await UpsertCandidate.UpsertAsync(db, outbox, ats.System, person.ExternalId, fields, now);
        return outcome switch
        {
            Registration.Created created => created.Candidate,
            Registration.Updated updated => updated.Candidate,
            Registration.Unchanged unchanged => unchanged.Candidate,
            // Someone else holds the email: the ATS's own id decides who this is, the email stays with its holder.
            Registration.EmailTaken taken => await OwnerAsync(db, ats, taken.ExistingId),
            Registration.ExternalIdTaken taken => await OwnerAsync(db, ats, taken.ExistingId),
            _ => throw new InvalidOperationException($"Unexpected upsert outcome {outcome}."),
        };
    }

    private static async Task<CandidateResponse?> OwnerAsync(DbSession db, AtsApplication ats, Guid fallback)
    {
        var owner = await db.Connection.ExecuteScalarAsync<Guid?>(
            Candidate.ExternalIdOwnerSql, new { ats.System, ats.Candidate.ExternalId }, db.Transaction);
        return await Candidate.FindAsync(db.Connection, owner ?? fallback, db.Transaction);
    }

    private async Task<JobResponse?> JobAsync(DbSession db, AtsApplication ats, DateTimeOffset now)
    {
        var key = new { ats.System, ats.Job.ExternalId };
        if (await db.Connection.ExecuteScalarAsync<Guid?>(JobIdSql, key, db.Transaction) is { } known)
        {
            return await Job.FindAsync(db.Connection, known, db.Transaction);
        }

        if (!options.Value.CreateUnknownJobs)
        {
            return null;
        }

        var manager = ats.Job.HiringManagerEmail is { } given && Validation.IsEmail(given) ? given : options.Value.DefaultHiringManagerEmail;
        var fields = new JobFields(
            Clip(ats.Job.Title, 200) ?? "Untitled", Clip(ats.Job.Department, 100) ?? "Unassigned", Clip(ats.Job.Location, 100), [], manager, null);
        var job = await OpenJob.OpenAsync(db, outbox, fields, now);
        await db.Connection.ExecuteAsync(InsertJobIdSql, new { key.System, key.ExternalId, job.Id }, db.Transaction);
        return job;
    }

    private async Task<ApplicationResponse?> ApplicationAsync(
        DbSession db, AtsApplication ats, CandidateResponse candidate, JobResponse job, DateTimeOffset now)
    {
        var key = new { ats.System, ats.ExternalId };
        if (await db.Connection.ExecuteScalarAsync<Guid?>(ApplicationIdSql, key, db.Transaction) is { } known)
        {
            return await Application.FindAsync(db.Connection, known, db.Transaction);
        }

        var appliedAt = ats.AppliedAt is { } at && at < now ? at : now;
        var source = new Source(ats.Channel, Clip(ats.SourceName, 100), null, null, null);
        var outcome = await Application.OpenAsync(db, outbox, candidate.Id, job.Id, source, Actor(ats), appliedAt, now);
        var application = outcome switch
        {
            Opening.Opened opened => opened.Application,
            Opening.AlreadyOpen open => await Application.FindAsync(db.Connection, open.ExistingId, db.Transaction),
            _ => null,
        };
        if (application is not null)
        {
            await db.Connection.ExecuteAsync(InsertApplicationIdSql, new { key.System, key.ExternalId, application.Id }, db.Transaction);
        }

        return application;
    }

    private static string Actor(AtsApplication ats) => $"ats:{ats.System}";

    private static string? Clip(string? text, int length) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Trim() is var trimmed && trimmed.Length > length ? trimmed[..length] : text.Trim();

    [LoggerMessage(Level = LogLevel.Warning, Message = "ATS application {System}/{ExternalId} was not applied: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string system, string externalId, string reason);
}
