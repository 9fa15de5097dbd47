using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Contracts;
using TalentNet.Contracts.Recommendations;
using TalentNet.Messaging;
using TalentNet.Recommendations.Features.Dashboard;
using TalentNet.Recommendations.Features.Notifications;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Recommendations.Features.Requests;

/// <summary>POST /api/recommendation-requests/{id}/reassign: HR gives an open request to another manager, who is mailed.</summary>
public static class ReassignRequest
{
    public sealed record Request([property: MaxLength(Lengths.Email)] string? ManagerEmail);

    internal const string ReassignSql =
        "UPDATE recommendation_requests SET manager_email = @ManagerEmail, updated_at = @Now, version = version + 1 WHERE id = @Id AND status = @Requested";

    public static void Map(RouteGroupBuilder requests) =>
        requests.MapPost("/{id:guid}/reassign", Handle)
            .WithName("ReassignRecommendationRequest")
            .WithSummary("Give an open request to another manager")
            .WithDescription("The new manager is mailed and sees the request; the old one no longer does. Publishes RecommendationRequested for the new manager.")
            .RequireRoles(RecommendationsApi.DashboardReaders)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Ok<RecommendationRequestResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, Request body, Database database, Outbox outbox, NotificationOptions notifications, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var validation = new Validation().Email("managerEmail", body.ManagerEmail);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var manager = Validation.NormalizeEmail(body.ManagerEmail!);
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        await using var session = await database.BeginAsync(cancellationToken);
        var before = await RecommendationRequest.FindAsync(session.Connection, id, today, session.Transaction);
        if (before is null)
        {
            return ApiProblems.NotFound("Recommendation request", id);
        }

        if (before.ManagerEmail == manager)
        {
            return TypedResults.Ok(before);
        }

        var parameters = new { Id = id, ManagerEmail = manager, Now = now, Requested = RecommendationStatus.Requested.ToWire() };
        if (await session.Connection.ExecuteAsync(ReassignSql, parameters, session.Transaction) == 0)
        {
            return ApiProblems.InvalidTransition($"The request is {before.Status.ToWire()}; only an open request moves to another manager.");
        }

        await RequestTransition.RecordActorAsync(session, id, http);
        await RequestTallies.ConsentMovedAsync(session, (before.LastDay, before.Department, before.ManagerEmail), (before.LastDay, before.Department, manager));
        await MailOutbox.EnqueueForRequestAsync(session, notifications, MailKind.RequestCreated, EmployeeDepartedConsumer.RequestCreatedKey(id, manager),
            id, before.AlumnusId, manager, now);
        await outbox.EnqueueAsync(session, new RecommendationRequested(TimeOrderedId.New(now), now, id, before.AlumnusId, manager, before.DueOn));
        var after = (await RecommendationRequest.FindAsync(session.Connection, id, today, session.Transaction))!;
        await session.CommitAsync(cancellationToken);
        return TypedResults.Ok(after);
    }
}
