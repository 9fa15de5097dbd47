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

/// <summary>POST /api/recommendation-requests/{id}/publish: where a given recommendation was published, e.g. on LinkedIn (announced as RecommendationPublished).</summary>
public static class PublishRecommendation
{
    public sealed record Request([property: MaxLength(Lengths.Url)] string? Url);

    internal const string PublishSql =
        "UPDATE recommendation_requests SET published_url = @Url, updated_at = @Now, version = version + 1 WHERE id = @Id AND status = @Given";

    public static void Map(RouteGroupBuilder requests) =>
        requests.MapPost("/{id:guid}/publish", Handle)
            .WithName("PublishRecommendation").WithSummary("Record where the recommendation was published (e.g. its LinkedIn URL)")
            .RequireRoles(RecommendationsApi.RequestWriters).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static Task<Results<Ok<RecommendationRequestResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, Request body, Database database, Outbox outbox, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var validation = new Validation().Required("url", body.Url, Lengths.Url).Url("url", body.Url);
        var actor = RequestTransition.Actor(http);
        return RequestTransition.RunAsync(id, validation, ("publishedAt", null), RequestTransition.Consent.Needed, database, clock, http, async (session, request, now) =>
        {
            var changed = await session.Connection.ExecuteAsync(PublishSql, new { Id = id, body.Url, Now = now, Given = RecommendationStatus.Given.ToWire() }, session.Transaction);
            if (changed == 1)
            {
                await outbox.EnqueueAsync(session, new RecommendationPublished(TimeOrderedId.New(now), now, id, request.AlumnusId, body.Url!, actor.ActedBy, actor.OnManagersBehalf));
            }

            return changed == 1 ? null : $"The request is {request.Status.ToWire()}; only a given recommendation can be published.";
        }, cancellationToken);
    }
}
