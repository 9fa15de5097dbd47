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

/// <summary>
/// The former manager's answer: POST …/{id}/give, …/{id}/decline and …/{id}/publish. Only the
/// request's own manager (matched on the token's email) or HR/admin may act; each transition is
/// announced on the bus.
/// </summary>
public static class ActOnRequest
{
    public sealed record GiveRequest(string? Text, IReadOnlyList<string>? Strengths, bool? WouldRehire, string? PublishedUrl);

    public sealed record DeclineRequest(string? Reason);

    public sealed record PublishRequest(string? Url);

    internal const string GiveSql =
        """
        UPDATE recommendation_requests SET status = @Given, text = @Text, strengths = @Strengths, would_rehire = @WouldRehire,
            published_url = @PublishedUrl, given_at = @Now, updated_at = @Now, version = version + 1
        WHERE id = @Id AND status = @Requested
        """;

    internal const string DeclineSql =
        """
        UPDATE recommendation_requests SET status = @Declined, decline_reason = @Reason, declined_at = @Now, updated_at = @Now, version = version + 1
        WHERE id = @Id AND status = @Requested
        """;

    internal const string PublishSql =
        "UPDATE recommendation_requests SET published_url = @Url, updated_at = @Now, version = version + 1 WHERE id = @Id AND status = @Given";

    public static void Map(RouteGroupBuilder requests)
    {
        requests.MapPost("/{id:guid}/give", Give)
            .WithName("GiveRecommendation").WithSummary("Give the recommendation")
            .RequireRoles(RecommendationsApi.Actors).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        requests.MapPost("/{id:guid}/decline", Decline)
            .WithName("DeclineRecommendation").WithSummary("Decline to give a recommendation, with a reason")
            .RequireRoles(RecommendationsApi.Actors).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        requests.MapPost("/{id:guid}/publish", Publish)
            .WithName("PublishRecommendation").WithSummary("Record where the recommendation was published (e.g. its LinkedIn URL)")
            .RequireRoles(RecommendationsApi.Actors).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    public static Task<Results<Ok<RecommendationRequestResponse>, ValidationProblem, ProblemHttpResult>> Give(
        Guid id, GiveRequest body, Database database, Outbox outbox, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var validation = new Validation().Required("text", body.Text, 5000).Required("wouldRehire", body.WouldRehire).Url("publishedUrl", body.PublishedUrl);
        validation.Check((body.Strengths ?? []).Count <= 20 && (body.Strengths ?? []).All(s => !string.IsNullOrWhiteSpace(s) && s.Length <= 50), "strengths", "At most 20 strengths of 1 to 50 characters.");
        return TransitionAsync(id, validation, database, clock, http, async (session, request, now) =>
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
                    Guid.CreateVersion7(now), now, id, request.AlumnusId, request.ManagerEmail, body.WouldRehire == true, strengths, body.PublishedUrl));
            }

            return changed == 1 ? null : $"The request is {request.Status.ToWire()}; only a requested recommendation can be given.";
        }, cancellationToken);
    }

    public static Task<Results<Ok<RecommendationRequestResponse>, ValidationProblem, ProblemHttpResult>> Decline(
        Guid id, DeclineRequest body, Database database, Outbox outbox, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var validation = new Validation().Required("reason", body.Reason, 500);
        return TransitionAsync(id, validation, database, clock, http, async (session, request, now) =>
        {
            var changed = await session.Connection.ExecuteAsync(DeclineSql, new
            {
                Id = id, Reason = body.Reason!.Trim(), Now = now,
                Declined = RecommendationStatus.Declined.ToWire(), Requested = RecommendationStatus.Requested.ToWire(),
            }, session.Transaction);
            if (changed == 1)
            {
                await outbox.EnqueueAsync(session, new RecommendationDeclined(Guid.CreateVersion7(now), now, id, request.AlumnusId, request.ManagerEmail, body.Reason.Trim()));
            }

            return changed == 1 ? null : $"The request is {request.Status.ToWire()}; only a requested recommendation can be declined.";
        }, cancellationToken);
    }

    public static Task<Results<Ok<RecommendationRequestResponse>, ValidationProblem, ProblemHttpResult>> Publish(
        Guid id, PublishRequest body, Database database, Outbox outbox, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var validation = new Validation().Required("url", body.Url, 2000).Url("url", body.Url);
        return TransitionAsync(id, validation, database, clock, http, async (session, request, now) =>
        {
            var changed = await session.Connection.ExecuteAsync(PublishSql, new { Id = id, body.Url, Now = now, Given = RecommendationStatus.Given.ToWire() }, session.Transaction);
            if (changed == 1)
            {
                await outbox.EnqueueAsync(session, new RecommendationPublished(Guid.CreateVersion7(now), now, id, request.AlumnusId, body.Url!));
            }

            return changed == 1 ? null : $"The request is {request.Status.ToWire()}; only a given recommendation can be published.";
        }, cancellationToken);
    }

    /// <summary>The shared shape of a transition: validate, find, authorize, change, commit, answer.</summary>
    private static async Task<Results<Ok<RecommendationRequestResponse>, ValidationProblem, ProblemHttpResult>> TransitionAsync(
        Guid id, Validation validation, Database database, TimeProvider clock, HttpContext http,
        Func<DbSession, RecommendationRequestResponse, DateTimeOffset, Task<string?>> change, CancellationToken cancellationToken)
    {
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        await using var session = await database.BeginAsync(cancellationToken);
        var request = await RecommendationRequest.FindAsync(session.Connection, id, today, session.Transaction);
        if (request is null)
        {
            return ApiProblems.NotFound("Recommendation request", id);
        }

        if (!RecommendationsApi.MayActOn(http, request))
        {
            return ApiProblems.Forbidden("Only the request's own manager, HR or an admin may act on it.");
        }

        if (await change(session, request, now) is { } refusal)
        {
            return ApiProblems.InvalidTransition(refusal);
        }

        var updated = (await RecommendationRequest.FindAsync(session.Connection, id, today, session.Transaction))!;
        await session.CommitAsync(cancellationToken);
        return TypedResults.Ok(updated);
    }
}
