using System.ComponentModel.DataAnnotations;
using System.Data.Common;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TalentNet.Candidates.Features.Dashboard;
using TalentNet.Candidates.Features.Jobs;
using TalentNet.Contracts;
using TalentNet.Contracts.Candidates;
using TalentNet.Messaging;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Candidates.Features.Applications;

/// <summary>POST /api/applications/{id}/stage: moves an application along its job's pipeline.</summary>
public static class ChangeStage
{
    public sealed record Request(
        [property: MaxLength(Lengths.Stage)] string? Stage,
        [property: MaxLength(Lengths.Reason)] string? Reason,
        DateTimeOffset? OccurredAt = null,
        [property: MaxLength(Lengths.Stage)] string? RejectionReason = null);

    // is_open and hired_at are set only when the move ends the application: SQLite rewrites the
    // entries of every index whose columns (or partial-index condition) the SET list names.
    internal static string UpdateSql(bool closes) =>
        $"""
        UPDATE applications SET stage = @Stage, stage_index = @StageIndex, furthest_index = @FurthestIndex,
            {(closes ? "is_open = 0, hired_at = @HiredAt, rejection_reason = @RejectionReason, rejected_from = @RejectedFrom, " : "")}updated_at = @Now,
            version = version + 1, stage_history = @StageHistory
        WHERE id = @Id AND version = @Version
        """;

    // The application with what a move needs from its job and candidate, in one read.
    internal static readonly string ContextSql =
        $"""
        SELECT {Application.SelectColumns}, a.stage_history AS StageHistory, c.former_alumnus_id AS FormerAlumnusId,
            c.rehire_eligibility AS RehireEligibility, c.email AS CandidateEmail, j.title AS JobTitle, j.department AS JobDepartment,
            j.pipeline AS JobPipeline
        FROM applications a JOIN candidates c ON c.id = a.candidate_id JOIN jobs j ON j.id = a.job_id
        WHERE a.id = @Id
        """;

    public static void Map(RouteGroupBuilder applications) =>
        applications.MapPost("/{id:guid}/stage", Handle)
            .WithName("ChangeApplicationStage")
            .WithSummary("Move an application to another stage")
            .WithDescription("Forward moves may skip stages; moving back needs a reason; rejected, withdrawn and hired are final (422). Moving to rejected needs a rejectionReason from Candidates:RejectionReasons (400 lists them); the funnel counts rejections by reason and stage. Send If-Match with the ETag you read (412 when stale). occurredAt records history (integration and admin only, 403 otherwise; not in the future, not before the previous move). Publishes ApplicationStageChanged, and CandidateHired on reaching 'hired'.")
            .RequireRoles(CandidatesApi.PipelineWriters)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Ok<ApplicationResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, Request request, [FromHeader(Name = "If-Match"), MaxLength(Lengths.ETag)] string? ifMatch,
        Database database, Outbox outbox, IOptions<CandidatesOptions> options, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (History.RefuseUnlessRecorder(http.User, "occurredAt", request.OccurredAt) is { } forbidden)
        {
            return forbidden;
        }

        var validation = new Validation().Maxima(request).Required("stage", request.Stage)
            .PastTime("occurredAt", request.OccurredAt, clock.GetUtcNow());
        if (request.Stage?.Trim() == Job.RejectedStage)
        {
            var reasons = options.Value.Reasons;
            validation.Check(request.RejectionReason is not null, "rejectionReason", $"Required when rejecting: one of {string.Join(", ", reasons)}.");
            validation.OneOf("rejectionReason", request.RejectionReason, [.. reasons], required: false);
        }
        else
        {
            validation.Check(request.RejectionReason is null, "rejectionReason", $"Only when moving to {Job.RejectedStage}.");
        }
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        // Read outside the write session, so that SQLite's single writer is held for the writes
        // alone; they apply only if nobody moved the application in between (version check).
        var target = request.Stage!.Trim();
        StageContext.Loaded? context;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            context = await LoadAsync(connection, id, transaction: null);
        }

        if (Refusal(context, id, ifMatch, target, request, validation) is { } refused)
        {
            return refused;
        }

        await using var session = await database.BeginAsync(cancellationToken);
        var recordedAt = clock.GetUtcNow();
        var at = request.OccurredAt ?? recordedAt;
        var updated = await WriteAsync(session, outbox, context!, target, request.Reason, request.RejectionReason, http.Actor(), at, recordedAt);
        if (updated is null)
        {
            // Moved meanwhile: a client that sent If-Match gets 412; otherwise decide again on what
            // is there now, read inside the session, where nobody can move it any more.
            context = await LoadAsync(session.Connection, id, session.Transaction);
            if (Refusal(context, id, ifMatch, target, request, validation) is { } refusedNow)
            {
                return refusedNow;
            }

            updated = await WriteAsync(session, outbox, context!, target, request.Reason, request.RejectionReason, http.Actor(), at, recordedAt)
                ?? throw new InvalidOperationException("An application changed while its write session held the writer.");
        }

        await session.CommitAsync(cancellationToken);
        http.Response.Headers.ETag = ETags.For(updated.Version);
        return TypedResults.Ok(updated);
    }

    /// <summary>
    /// Moves an application inside the caller's session (for consumers): the moved application, or
    /// why the move cannot be made. A move to the stage it is in already is no move and no refusal.
    /// </summary>
    internal static async Task<(ApplicationResponse? Moved, string? Refusal)> MoveAsync(
        DbSession session, Outbox outbox, Guid id, string target, string actor, DateTimeOffset at, DateTimeOffset recordedAt, string? rejectionReason = null)
    {
        var context = await LoadAsync(session.Connection, id, session.Transaction);
        return context is null
            ? (null, $"Application {id} does not exist.")
            : await MoveAsync(session, outbox, context, target, actor, at, recordedAt, rejectionReason);
    }

    private static async Task<(ApplicationResponse? Moved, string? Refusal)> MoveAsync(
        DbSession session, Outbox outbox, StageContext.Loaded context, string target, string actor, DateTimeOffset at, DateTimeOffset recordedAt,
        string? rejectionReason)
    {
        if (context.Application.Stage == target)
        {
            return (context.Application, null);
        }

        if (!context.Keys.Contains(target) && !Job.TerminalStages.Contains(target))
        {
            return (null, $"The job's pipeline has no stage {target}.");
        }

        // An ATS is the system of record for its pipeline: moving back needs no reason there.
        if (MoveRefusal(context.Application, context.Keys, target, "moved in the ATS") is { } why)
        {
            return (null, why);
        }

        var moment = at < context.Application.History[^1].ChangedAt ? context.Application.History[^1].ChangedAt : at;
        return (await WriteAsync(session, outbox, context, target, null, rejectionReason, actor, moment, recordedAt), null);
    }

    private static async Task<StageContext.Loaded?> LoadAsync(DbConnection connection, Guid id, DbTransaction? transaction) =>
        (await connection.QuerySingleOrDefaultAsync<StageContext>(ContextSql, new { Id = id }, transaction))?.Load();

    /// <summary>The answer when the move cannot be made on what was read, or null when it can.</summary>
    private static Results<Ok<ApplicationResponse>, ValidationProblem, ProblemHttpResult>? Refusal(
        StageContext.Loaded? context, Guid id, string? ifMatch, string target, Request request, Validation validation)
    {
        if (ApiProblems.Refuses(context?.Application, "Application", id, found => found.Version, ifMatch, out var refusal))
        {
            return refusal;
        }

        var (application, _, keys, _) = context!;
        if (!keys.Contains(target) && !Job.TerminalStages.Contains(target))
        {
            return validation.OneOf("stage", target, [.. keys, .. Job.TerminalStages]).ToProblem();
        }

        if (MoveRefusal(application, keys, target, request.Reason) is { } why)
        {
            return ApiProblems.InvalidTransition(why);
        }

        var previous = application.History[^1].ChangedAt;
        if (request.OccurredAt < previous)
        {
            return validation.Add("occurredAt", $"Must not be before the previous move ({previous:O}).").ToProblem();
        }

        return null;
    }

    /// <summary>The move itself (history included) and its events; null when the version moved on meanwhile.</summary>
    private static async Task<ApplicationResponse?> WriteAsync(
        DbSession session, Outbox outbox, StageContext.Loaded context, string target, string? requestedReason, string? rejectionReason, string actor,
        DateTimeOffset now, DateTimeOffset recordedAt)
    {
        var move = Plan(context, target, requestedReason, rejectionReason, actor, now, recordedAt);
        var changed = await session.WriteAsync(UpdateSql(closes: !move.To.IsOpen), new
        {
            move.To.Id,
            move.To.Stage,
            move.StageIndex,
            move.FurthestIndex,
            move.To.HiredAt,
            move.RejectionReason,
            move.RejectedFrom,
            Now = recordedAt,
            context.Application.Version,
            StageHistory = StageHistory.Write(move.To.History),
        });
        if (changed == 0)
        {
            return null;
        }

        await RecordAsync(session, outbox, move);
        return move.To;
    }

    /// <summary>
    /// What a move makes of the application (<see cref="StageMove.To"/>), for a write that stores it:
    /// the update of a stored row, or the insert of an application opened and moved at once.
    /// </summary>
    internal static StageMove Plan(
        StageContext.Loaded context, string target, string? requestedReason, string? rejectionReason, string actor, DateTimeOffset now, DateTimeOffset recordedAt)
    {
        var (application, _, keys, _) = context;
        var targetIndex = keys.IndexOf(target);
        var furthest = application.History.Select(change => keys.IndexOf(change.To)).Max();
        var hired = target == Job.HiredStage;
        var reason = string.IsNullOrWhiteSpace(requestedReason) ? null : requestedReason.Trim();
        var rejection = target == Job.RejectedStage ? rejectionReason : null;
        List<StageChange> history = [.. application.History, new StageChange(application.Stage, target, actor, reason, now, rejection)];
        var moved = application with
        {
            Stage = target,
            IsOpen = !hired && !Job.TerminalStages.Contains(target),
            HiredAt = hired ? now : null,
            UpdatedAt = recordedAt,
            Version = application.Version + 1,
            History = history,
        };
        return new StageMove(
            context, moved, targetIndex, Math.Max(furthest, targetIndex),
            keys.Select((key, index) => (key, index)).Take(targetIndex + 1).Skip(furthest + 1).ToList());
    }

    /// <summary>The counts and events of a move whose row is written.</summary>
    internal static async Task RecordAsync(DbSession session, Outbox outbox, StageMove move)
    {
        var (from, to) = (move.From, move.To);
        var (job, email) = (move.Context.Job, move.Context.CandidateEmail);
        var change = to.History[^1];
        var source = Application.ToContract(from.Source);
        await ApplicationTallies.MovedAsync(session, job.Department, from.Source, from.CreatedAt, move.NewlyReached, to.HiredAt);
        await outbox.EnqueueAsync(session, new ApplicationStageChanged(
            TimeOrderedId.New(change.ChangedAt), change.ChangedAt, to.Id, to.CandidateId, to.JobId, email, from.Stage, to.Stage, change.Reason, source));
        if (to.HiredAt is { } hiredAt)
        {
            await outbox.EnqueueAsync(session, new CandidateHired(
                TimeOrderedId.New(hiredAt), hiredAt, to.CandidateId, to.JobId, to.Id, email, job.Title, job.Department,
                source, DateOnly.FromDateTime(hiredAt.UtcDateTime)));
        }
    }

    /// <summary>Why the move is not allowed, or null when it is.</summary>
    internal static string? MoveRefusal(ApplicationResponse application, IReadOnlyList<string> pipeline, string target, string? reason)
    {
        if (!application.IsOpen)
        {
            return $"The application is {application.Stage}; that stage is final.";
        }

        if (target == application.Stage)
        {
            return $"The application is already in {target}.";
        }

        var stages = pipeline.ToList();
        var from = stages.IndexOf(application.Stage);
        var to = stages.IndexOf(target);
        if (to >= 0 && to < from && string.IsNullOrWhiteSpace(reason))
        {
            return $"Moving back from {application.Stage} to {target} needs a reason.";
        }

        return null;
    }
}

/// <summary>An application row with its candidate's email and its job's title, department and pipeline.</summary>
internal sealed class StageContext : ApplicationRow
{
    public string CandidateEmail { get; init; } = "";
    public string JobTitle { get; init; } = "";
    public string JobDepartment { get; init; } = "";
    public string JobPipeline { get; init; } = "[]";

    /// <summary>Parses the row once: the application as the API shows it, its job, and the job's stage keys in order.</summary>
    public Loaded Load()
    {
        var pipeline = JsonSerializer.Deserialize<List<PipelineStage>>(JobPipeline, Job.Json) ?? [];
        return new Loaded(ToResponse(), new JobPart(JobTitle, JobDepartment), pipeline.Select(stage => stage.Key).ToList(), CandidateEmail);
    }

    internal sealed record JobPart(string Title, string Department);

    internal sealed record Loaded(ApplicationResponse Application, JobPart Job, List<string> Keys, string CandidateEmail);
}

/// <summary>
/// A planned move: the application before (with its job and candidate's email) and after, the row's
/// stage columns, and the stages it reaches for the first time (what the funnel counts).
/// </summary>
internal sealed record StageMove(
    StageContext.Loaded Context, ApplicationResponse To, int StageIndex, int FurthestIndex, IReadOnlyList<(string Stage, int Index)> NewlyReached)
{
    public ApplicationResponse From => Context.Application;

    public string? RejectionReason => To.History[^1].RejectionReason;

    public string? RejectedFrom => To.Stage == Job.RejectedStage ? From.Stage : null;
}
