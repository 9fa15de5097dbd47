using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Contracts;
using TalentNet.Contracts.Recommendations;
using TalentNet.Messaging;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Recommendations.Features.Requests;

/// <summary>POST /api/recommendation-requests/{id}/decline: the former manager declines, with a reason (announced as RecommendationDeclined).</summary>
public static class DeclineRecommendation
{
    public sealed record Request([property: MaxLength(Lengths.Reason)] string? Reason, DateTimeOffset? DeclinedAt = null);

    internal const string DeclineSql =
        """
        UPDATE recommendation_requests SET status = @Declined, decline_reason = @Reason, declined_at = @Now, updated_at = @Now, version = version + 1
        WHERE id = @Id AND status = @Requested
        """;

    public static void Map(RouteGroupBuilder requests) =>
        requests.MapPost("/{id:guid}/decline", Handle)
            .WithName("DeclineRecommendation").WithSummary("Decline to give a recommendation, with a reason")
            .WithDescription("declinedAt records history (integration and admin only, 403 otherwise; not in the future, not before the leaver's last day). Publishes RecommendationDeclined.")
            .RequireRoles(RecommendationsApi.RequestWriters).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static Task<Results<Ok<RecommendationRequestResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, Request body, Database database, Outbox outbox, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var validation = new Validation().Required("reason", body.Reason, Lengths.Reason);
        var actor = RequestTransition.Actor(http);
        return RequestTransition.RunAsync(id, validation, ("declinedAt", body.DeclinedAt), RequestTransition.Consent.NotNeeded, database, clock, http, async (session, request, now) =>
        {
            var changed = await session.Connection.ExecuteAsync(DeclineSql, new
            {
                Id = id, Reason = body.Reason!.Trim(), Now = now,
                Declined = RecommendationStatus.Declined.ToWire(), Requested = RecommendationStatus.Requested.ToWire(),
            }, session.Transaction);
            if (changed == 1)
            {
                await outbox.EnqueueAsync(session, new RecommendationDeclined(
                    TimeOrderedId.New(now), now, id, request.AlumnusId, request.ManagerEmail, body.Reason.Trim(), actor.ActedBy, actor.OnManagersBehalf));
            }

            return changed == 1 ? null : $"The request is {request.Status.ToWire()}; only a requested recommendation can be declined.";
        }, cancellationToken);
    }
}
