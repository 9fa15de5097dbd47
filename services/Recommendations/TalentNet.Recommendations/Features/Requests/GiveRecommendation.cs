using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Contracts;
using TalentNet.Contracts.Recommendations;
using TalentNet.Messaging;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Recommendations.Features.Requests;

/// <summary>POST /api/recommendation-requests/{id}/give: the former manager gives the recommendation (announced as RecommendationGiven).</summary>
public static class GiveRecommendation
{
    public const int TextLength = 5000;

    public const int MaxStrengths = 20;

    public sealed record Request(
        [property: MaxLength(TextLength)] string? Text,
        [property: MaxLength(MaxStrengths), EachMaxLength(Lengths.Tag)] IReadOnlyList<string>? Strengths,
        bool? WouldRehire,
        [property: MaxLength(Lengths.Url)] string? PublishedUrl,
        DateTimeOffset? GivenAt = null);

    internal const string GiveSql =
        """
        UPDATE recommendation_requests SET status = @Given, text = @Text, strengths = @Strengths, would_rehire = @WouldRehire,
            published_url = @PublishedUrl, given_at = @Now, updated_at = @Now, version = version + 1
        WHERE id = @Id AND status = @Requested
        """;

    public static void Map(RouteGroupBuilder requests) =>
        requests.MapPost("/{id:guid}/give", Handle)
            .WithName("GiveRecommendation").WithSummary("Give the recommendation")
            .WithDescription("givenAt records history (integration and admin only, 403 otherwise; not in the future, not before the leaver's last day). Publishes RecommendationGiven.")
            .RequireRoles(RecommendationsApi.RequestWriters).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static Task<Results<Ok<RecommendationRequestResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, Request body, Database database, Outbox outbox, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var validation = new Validation().Required("text", body.Text, TextLength).Required("wouldRehire", body.WouldRehire).Url("publishedUrl", body.PublishedUrl);
        validation.Check((body.Strengths ?? []).Take(MaxStrengths).All(strength => !string.IsNullOrWhiteSpace(strength)), "strengths", "A strength is not blank.");
        var actor = RequestTransition.Actor(http);
        return RequestTransition.RunAsync(id, validation, ("givenAt", body.GivenAt), RequestTransition.Consent.Needed, database, clock, http, async (session, request, now) =>
        {
            var strengths = (body.Strengths ?? []).Select(s => s.Trim()).ToList();
            var changed = await session.Connection.ExecuteAsync(GiveSql, new
            {
                Id = id, Text = body.Text!.Trim(), Strengths = JsonSerializer.Serialize(strengths), WouldRehire = body.WouldRehire == true ? 1 : 0,
                body.PublishedUrl, Now = now, Given = RecommendationStatus.Given.ToWire(), Requested = RecommendationStatus.Requested.ToWire(),
            }, session.Transaction);
            if (changed == 1)
            {
                await outbox.EnqueueAsync(session, new RecommendationGiven(
                    TimeOrderedId.New(now), now, id, request.AlumnusId, request.ManagerEmail, body.WouldRehire == true, strengths, body.PublishedUrl,
                    actor.ActedBy, actor.OnManagersBehalf));
            }

            return changed == 1 ? null : $"The request is {request.Status.ToWire()}; only a requested recommendation can be given.";
        }, cancellationToken);
    }
}
