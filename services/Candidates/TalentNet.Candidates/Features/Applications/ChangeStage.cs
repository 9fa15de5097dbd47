using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TalentNet.Candidates.Features.Jobs;
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
    public sealed record Request(string? Stage, string? Reason);

    internal const string UpdateSql =
        """
        UPDATE applications SET stage = @Stage, stage_index = @StageIndex, furthest_index = @FurthestIndex, is_open = @IsOpen,
            hired_at = @HiredAt, updated_at = @Now, version = version + 1, stage_history = @StageHistory
        WHERE id = @Id AND version = @Version
        """;

    public static void Map(RouteGroupBuilder applications) =>
        applications.MapPost("/{id:guid}/stage", Handle)
            .WithName("ChangeApplicationStage")
            .WithSummary("Move an application to another stage")
            .WithDescription("Forward moves may skip stages; moving back needs a reason; rejected, withdrawn and hired are final (422). Send If-Match with the ETag you read (412 when stale). Publishes ApplicationStageChanged, and CandidateHired on reaching 'hired'.")
            .RequireRoles(CandidatesApi.Writers)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Ok<ApplicationResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, Request request, [FromHeader(Name = "If-Match")] string? ifMatch,
        Database database, Outbox outbox, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var validation = new Validation().Required("stage", request.Stage, 50).MaxLength("reason", request.Reason, 500);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        // Read outside the write transaction, then write only if nobody changed the application in
        // between (version check); SQLite then holds its single writer for the writes alone.
        for (var attempt = 1; ; attempt++)
        {
            ApplicationResponse? application;
            JobResponse job;
            string email;
            await using (var connection = await database.OpenAsync(cancellationToken))
            {
                application = await Application.FindAsync(connection, id);
                if (ApiProblems.Refuses(application, "Application", id, found => found.Version, ifMatch, out var refusal))
                {
                    return refusal;
                }

                job = (await Job.FindAsync(connection, application.JobId))!;
                email = (await connection.ExecuteScalarAsync<string>(Application.CandidateEmailSql, new { Id = application.CandidateId }))!;
            }

            var keys = job.Pipeline.Select(stage => stage.Key).ToList();
            var target = request.Stage!.Trim();
            if (!keys.Contains(target) && !Job.TerminalStages.Contains(target))
            {
                return validation.OneOf("stage", target, [.. keys, .. Job.TerminalStages]).ToProblem();
            }

            if (Refusal(application, keys, target, request.Reason) is { } why)
            {
                return ApiProblems.InvalidTransition(why);
            }

            var updated = await WriteAsync(database, outbox, application, job, keys, target, request.Reason, email, http.Actor(), clock.GetUtcNow(), cancellationToken);
            if (updated is not null)
            {
                http.Response.Headers.ETag = ETags.For(updated.Version);
                return TypedResults.Ok(updated);
            }

            if (ifMatch is not null || attempt == 3)
            {
                return ApiProblems.StaleVersion(ETags.For(application.Version + 1));
            }
        }
    }

    /// <summary>The move itself (history included) and its events; null when the version moved on meanwhile.</summary>
    private static async Task<ApplicationResponse?> WriteAsync(
        Database database, Outbox outbox, ApplicationResponse application, JobResponse job, List<string> keys, string target,
        string? requestedReason, string email, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var targetIndex = keys.IndexOf(target);
        var hired = target == Job.HiredStage;
        var isOpen = !hired && !Job.TerminalStages.Contains(target);
        var reason = string.IsNullOrWhiteSpace(requestedReason) ? null : requestedReason.Trim();
        var source = Application.ToContract(application.Source);
        List<StageChange> history = [.. application.History, new StageChange(application.Stage, target, actor, reason, now)];
        await using var session = await database.BeginAsync(cancellationToken);
        var changed = await session.Connection.ExecuteAsync(UpdateSql, new
        {
            application.Id,
            Stage = target,
            StageIndex = targetIndex,
            FurthestIndex = application.History.Select(change => keys.IndexOf(change.To)).Append(targetIndex).Max(),
            IsOpen = isOpen ? 1 : 0,
            HiredAt = hired ? now : (DateTimeOffset?)null,
            Now = now,
            application.Version,
            StageHistory = StageHistory.Write(history),
        }, session.Transaction);
        if (changed == 0)
        {
            return null;
        }

        await outbox.EnqueueAsync(session, new ApplicationStageChanged(
            Guid.CreateVersion7(now), now, application.Id, application.CandidateId, application.JobId, email, application.Stage, target, reason, source));
        if (hired)
        {
            await outbox.EnqueueAsync(session, new CandidateHired(
                Guid.CreateVersion7(now), now, application.CandidateId, application.JobId, application.Id, email, job.Title, job.Department,
                source, DateOnly.FromDateTime(now.UtcDateTime)));
        }

        await session.CommitAsync(cancellationToken);
        return application with
        {
            Stage = target,
            IsOpen = isOpen,
            HiredAt = hired ? now : null,
            UpdatedAt = now,
            Version = application.Version + 1,
            History = history,
        };
    }

    /// <summary>Why the move is not allowed, or null when it is.</summary>
    internal static string? Refusal(ApplicationResponse application, IReadOnlyList<string> pipeline, string target, string? reason)
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
