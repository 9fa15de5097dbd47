using System.ComponentModel.DataAnnotations;
using System.Data.Common;
using Dapper;
using TalentNet.Candidates.Features.Candidates;
using TalentNet.Candidates.Features.Dashboard;
using TalentNet.Candidates.Features.Jobs;
using TalentNet.Contracts;
using TalentNet.Contracts.Candidates;
using TalentNet.Messaging;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Candidates.Features.Applications;

/// <summary>Who referred the candidate: an employee or an alumnus, by id or email.</summary>
public sealed record Referrer(ReferrerKind? Kind, [property: MaxLength(Lengths.ExternalId)] string? Id, [property: MaxLength(Lengths.Email)] string? Email);

/// <summary>Where an application came from.</summary>
public sealed record Source(
    Channel? Channel,
    [property: MaxLength(Lengths.Campaign)] string? Campaign,
    [property: MaxLength(Lengths.Url)] string? PostUrl,
    [property: MaxLength(Lengths.Email)] string? SharedBy,
    Referrer? Referrer,
    [property: MaxLength(TrackingLinks.TrackingLink.TokenLength)] string? TrackingToken = null);

public sealed record StageChange(string? From, string To, string Actor, string? Reason, DateTimeOffset ChangedAt, string? RejectionReason = null);

public sealed record ApplicationResponse(
    Guid Id,
    Guid CandidateId,
    Guid JobId,
    string Stage,
    bool IsOpen,
    Source Source,
    FormerEmployee? FormerEmployee,
    IReadOnlyList<StageChange> History,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? HiredAt,
    int Version)
{
    /// <summary>Time in each stage, from the history: entered and left.</summary>
    public IReadOnlyList<StageSpan> Stages => StageHistory.Spans(History);
}

/// <summary>What opening an application came to.</summary>
public abstract record Opening
{
    public sealed record Opened(ApplicationResponse Application) : Opening;

    public sealed record CandidateMissing : Opening;

    public sealed record JobMissing : Opening;

    public sealed record JobNotOpen : Opening;

    public sealed record AlreadyOpen(Guid ExistingId) : Opening;
}

/// <summary>Where an application opened from history stands by then: its stage, since when, and why when rejected.</summary>
public sealed record FirstMove(string Stage, DateTimeOffset At, string? RejectionReason);

public static class Application
{
    public const string FirstStage = "sourced";

    internal const string SelectColumns =
        """
        a.id AS Id, a.candidate_id AS CandidateId, a.job_id AS JobId, a.stage AS Stage, a.is_open AS IsOpen,
        a.channel AS Channel, a.campaign AS Campaign,
        a.post_url AS PostUrl, a.shared_by AS SharedBy, a.referrer_kind AS ReferrerKind, a.referrer_id AS ReferrerId,
        a.referrer_email AS ReferrerEmail, a.tracking_token AS TrackingToken, a.created_at AS CreatedAt,
        a.updated_at AS UpdatedAt, a.hired_at AS HiredAt, a.version AS Version
        """;

    internal static readonly string FindSql =
        $"""
        SELECT {SelectColumns}, a.stage_history AS StageHistory, c.former_alumnus_id AS FormerAlumnusId, c.rehire_eligibility AS RehireEligibility
        FROM applications a JOIN candidates c ON c.id = a.candidate_id WHERE a.id = @Id
        """;

    internal const string OpenIdSql = "SELECT id FROM applications WHERE candidate_id = @CandidateId AND job_id = @JobId AND is_open = 1";

    internal const string InsertSql =
        """
        INSERT INTO applications (id, candidate_id, job_id, stage, stage_index, furthest_index, is_open, hired_at, rejection_reason,
            rejected_from, channel, campaign, post_url, shared_by, referrer_kind, referrer_id, referrer_email, tracking_token, created_at,
            updated_at, version, stage_history)
        VALUES (@Id, @CandidateId, @JobId, @Stage, @StageIndex, @FurthestIndex, @IsOpen, @HiredAt, @RejectionReason,
            @RejectedFrom, @Channel, @Campaign, @PostUrl, @SharedBy, @ReferrerKind, @ReferrerId, @ReferrerEmail, @TrackingToken, @Now,
            @RecordedAt, @Version, @StageHistory)
        """;

    // A merged duplicate's id reaches the survivor.
    internal const string ApplicantSql =
        """
        SELECT id AS Id, email AS Email, former_alumnus_id AS FormerAlumnusId, rehire_eligibility AS RehireEligibility FROM candidates
        WHERE id = COALESCE((SELECT merged_into FROM candidates WHERE id = @Id), @Id) AND merged_into IS NULL
        """;

    public static void ValidateSource(Source? source, Validation validation, string field = "source")
    {
        ArgumentNullException.ThrowIfNull(validation);
        if (source is null)
        {
            validation.Add(field, "Required unless a trackingToken is given.");
            return;
        }

        validation.Maxima(source, $"{field}.")
            .Required($"{field}.channel", source.Channel)
            .Url($"{field}.postUrl", source.PostUrl);
        if (source.Referrer is { } referrer)
        {
            validation.Required($"{field}.referrer.kind", referrer.Kind);
            validation.Check(!string.IsNullOrWhiteSpace(referrer.Id) || !string.IsNullOrWhiteSpace(referrer.Email),
                $"{field}.referrer", "Give the referrer's id or email.");
            validation.Email($"{field}.referrer.email", referrer.Email, required: false);
        }
    }

    public static async Task<ApplicationResponse?> FindAsync(DbConnection connection, Guid id, DbTransaction? transaction = null) =>
        (await connection.QuerySingleOrDefaultAsync<ApplicationRow>(FindSql, new { Id = id }, transaction))?.ToResponse();

    /// <summary>
    /// Opens an application in the job's first stage and raises <see cref="ApplicationSubmitted"/>,
    /// unless the candidate or job is missing, the job is closed, or one is open already.
    /// <paramref name="now"/> is when it was made (in the past for history), <paramref name="recordedAt"/>
    /// when TalentNet learnt of it (what updatedSince compares), the same when not given.
    /// </summary>
    public static async Task<Opening> OpenAsync(
        DbSession session, Outbox outbox, Guid candidateId, Guid jobId, Source source, string actor, DateTimeOffset now, DateTimeOffset? recordedAt = null,
        FirstMove? movedTo = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(source);
        var applicant = (await session.Connection.QuerySingleOrDefaultAsync<ApplicantRow>(ApplicantSql, new { Id = candidateId }, session.Transaction))?.ToApplicant();
        if (applicant is null)
        {
            return new Opening.CandidateMissing();
        }

        var job = await Job.FindAsync(session.Connection, jobId, session.Transaction);
        if (job is null)
        {
            return new Opening.JobMissing();
        }

        if (job.Status != JobStatus.Open)
        {
            return new Opening.JobNotOpen();
        }

        if (await session.Connection.ExecuteScalarAsync<Guid?>(OpenIdSql, new { CandidateId = candidateId, JobId = jobId }, session.Transaction) is { } existing)
        {
            return new Opening.AlreadyOpen(existing);
        }

        return new Opening.Opened(await InsertAsync(session, outbox, applicant, job, source, actor, now, recordedAt ?? now, movedTo));
    }

    /// <summary>
    /// Stores a new application in the job's first stage, counts it and raises <see cref="ApplicationSubmitted"/>,
    /// for callers that checked the job is open and the candidate has no open application on it
    /// (<see cref="OpenAsync"/>, an import's batch of new candidates). With <paramref name="movedTo"/> (a
    /// stage of the job's pipeline or a final one, as an import's history has it) the row is written at
    /// that stage at once, counted and announced as the opening and the move one after the other.
    /// </summary>
    public static async Task<ApplicationResponse> InsertAsync(
        DbSession session, Outbox outbox, Applicant applicant, JobResponse job, Source source, string actor, DateTimeOffset now, DateTimeOffset recordedAt,
        FirstMove? movedTo = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(applicant);
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(source);
        (now, recordedAt) = (now.ToUniversalTime(), recordedAt.ToUniversalTime());
        var stage = job.Pipeline[0].Key;
        var stored = source with
        {
            SharedBy = source.SharedBy?.Trim().ToLowerInvariant(),
            Referrer = source.Referrer is { } referrer
                ? referrer with { Email = referrer.Email is { } referrerEmail ? Validation.NormalizeEmail(referrerEmail) : null }
                : null,
        };
        var opened = new ApplicationResponse(
            TimeOrderedId.New(now), applicant.Id, job.Id, stage, IsOpen: true, stored, applicant.FormerEmployee, [new StageChange(null, stage, actor, null, now)],
            now, recordedAt, HiredAt: null, Version: 1);
        var move = movedTo is null || movedTo.Stage == stage ? null : Move(opened, job, applicant.Email, movedTo, actor, recordedAt);
        var application = move?.To ?? opened;
        await session.WriteAsync(InsertSql, new
        {
            application.Id,
            application.CandidateId,
            application.JobId,
            application.Stage,
            StageIndex = move?.StageIndex ?? 0,
            FurthestIndex = move?.FurthestIndex ?? 0,
            application.IsOpen,
            application.HiredAt,
            move?.RejectionReason,
            move?.RejectedFrom,
            Channel = stored.Channel?.ToWire(),
            stored.Campaign,
            stored.PostUrl,
            stored.SharedBy,
            ReferrerKind = stored.Referrer?.Kind?.ToWire(),
            ReferrerId = stored.Referrer?.Id,
            ReferrerEmail = stored.Referrer?.Email,
            stored.TrackingToken,
            Now = now,
            RecordedAt = recordedAt,
            application.Version,
            StageHistory = StageHistory.Write(application.History),
        });
        await ApplicationTallies.OpenedAsync(session, job.Department, stored, stage, now);
        await outbox.EnqueueAsync(session, new ApplicationSubmitted(
            TimeOrderedId.New(now), now, opened.Id, applicant.Id, job.Id, applicant.Email, stage, ToContract(stored)));
        if (move is not null)
        {
            await ChangeStage.RecordAsync(session, outbox, move);
        }

        return application;
    }

    /// <summary>The move of an application just opened to the stage its history gives, never before it was opened.</summary>
    private static StageMove Move(
        ApplicationResponse opened, JobResponse job, string email, FirstMove movedTo, string actor, DateTimeOffset recordedAt)
    {
        var context = new StageContext.Loaded(opened, new(job.Title, job.Department), [.. job.Pipeline.Select(step => step.Key)], email);
        if (!context.Keys.Contains(movedTo.Stage) && !Job.TerminalStages.Contains(movedTo.Stage))
        {
            throw new ArgumentException($"The job's pipeline has no stage {movedTo.Stage}.", nameof(movedTo));
        }

        var at = movedTo.At.ToUniversalTime();
        return ChangeStage.Plan(context, movedTo.Stage, null, movedTo.RejectionReason, actor, at < opened.CreatedAt ? opened.CreatedAt : at, recordedAt);
    }

    public static ApplicationSource ToContract(Source source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new ApplicationSource(
            source.Channel!.Value, source.Campaign, source.PostUrl, source.SharedBy, source.Referrer?.Kind, source.Referrer?.Id, source.Referrer?.Email);
    }

}

/// <summary>Who applies, as an application needs them: the email its events carry, and whether they worked here.</summary>
public sealed record Applicant(Guid Id, string Email, FormerEmployee? FormerEmployee);

internal sealed class ApplicantRow
{
    public Guid Id { get; init; }
    public string Email { get; init; } = "";
    public Guid? FormerAlumnusId { get; init; }
    public string? RehireEligibility { get; init; }

    public Applicant ToApplicant() =>
        new(Id, Email, FormerEmployee.From(FormerAlumnusId, RehireEligibility));
}

internal class ApplicationRow
{
    public Guid Id { get; init; }
    public Guid CandidateId { get; init; }
    public Guid JobId { get; init; }
    public string Stage { get; init; } = "";
    public int IsOpen { get; init; }
    public string Channel { get; init; } = "";
    public string? Campaign { get; init; }
    public string? PostUrl { get; init; }
    public string? SharedBy { get; init; }
    public string? ReferrerKind { get; init; }
    public string? ReferrerId { get; init; }
    public string? ReferrerEmail { get; init; }
    public string? TrackingToken { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? HiredAt { get; init; }
    public int Version { get; init; }
    public Guid? FormerAlumnusId { get; init; }
    public string? RehireEligibility { get; init; }
    public string StageHistory { get; init; } = "[]";

    public Source Source => new(
        Wire<Channel>.Parse(Channel), Campaign, PostUrl, SharedBy,
        ReferrerKind is null ? null : new Referrer(Wire<ReferrerKind>.Parse(ReferrerKind), ReferrerId, ReferrerEmail),
        TrackingToken);

    public ApplicationResponse ToResponse() => new(
        Id, CandidateId, JobId, Stage, IsOpen == 1, Source,
        FormerEmployee.From(FormerAlumnusId, RehireEligibility),
        Applications.StageHistory.Read(StageHistory), CreatedAt, UpdatedAt, HiredAt, Version);
}
