using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Contracts;
using TalentNet.Messaging;
using TalentNet.Recommendations.Features.Dashboard;
using TalentNet.Recommendations.Features.Notifications;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Recommendations.Features.Requests;

/// <summary>
/// POST /api/recommendation-requests: HR asks the former manager by hand, for a leaver whose consent
/// came after the departure (or whose request expired). The consent must be there now.
/// </summary>
public static class CreateRequest
{
    public sealed record Request(Guid? AlumnusId, [property: MaxLength(Lengths.Email)] string? ManagerEmail);

    internal const string AlumnusSql =
        """
        SELECT department AS Department, manager_email AS ManagerEmail, last_day AS LastDay, consent_recommendation AS Consented, status AS Status
        FROM alumni_read WHERE alumnus_id = @AlumnusId
        """;

    internal const string OpenRequestSql = "SELECT id FROM recommendation_requests WHERE alumnus_id = @AlumnusId AND status = @Requested";

    private sealed class Leaver
    {
        public string Department { get; init; } = "";
        public string ManagerEmail { get; init; } = "";
        public DateOnly LastDay { get; init; }
        public int Consented { get; init; }
        public string Status { get; init; } = "";
    }

    public static void Map(RouteGroupBuilder requests) =>
        requests.MapPost("/", Handle)
            .WithName("CreateRecommendationRequest")
            .WithSummary("Ask a former manager by hand")
            .WithDescription("For an alumnus who consents to a request now. managerEmail defaults to the departure's manager. 409 while one is open. The manager is mailed; due, reminders and expiry as for a departure, from today.")
            .RequireRoles(RecommendationsApi.DashboardReaders)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Created<RecommendationRequestResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        Request body, Database database, Outbox outbox, RecommendationsOptions options, NotificationOptions notifications, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var validation = new Validation().Required("alumnusId", body.AlumnusId).Email("managerEmail", body.ManagerEmail, required: false);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        await using var session = await database.BeginAsync(cancellationToken);
        var leaver = await session.Connection.QuerySingleOrDefaultAsync<Leaver>(AlumnusSql, new { body.AlumnusId }, session.Transaction);
        if (leaver is null)
        {
            return ApiProblems.NotFound("Alumnus", body.AlumnusId!.Value);
        }

        if (leaver.Consented != 1 || leaver.Status != AlumnusStatus.Alumnus.ToWire())
        {
            return ApiProblems.InvalidTransition("The alumnus has not consented to a recommendation request (or opted out, came back or had the departure withdrawn).");
        }

        if (await session.Connection.ExecuteScalarAsync<Guid?>(OpenRequestSql, new { body.AlumnusId, Requested = RecommendationStatus.Requested.ToWire() }, session.Transaction) is { } open)
        {
            return ApiProblems.Conflict("A request for this alumnus is open.", $"/api/recommendation-requests/{open}");
        }

        // Asked from today: the due date and reminders run from now, not from a last day long past.
        var manager = body.ManagerEmail is null ? leaver.ManagerEmail : Validation.NormalizeEmail(body.ManagerEmail);
        var requestId = await EmployeeDepartedConsumer.OpenRequestAsync(
            session, outbox, options, notifications, body.AlumnusId!.Value, TimeOrderedId.New(now), manager, leaver.Department, leaver.LastDay, now, dueFrom: today);
        await RequestTallies.OpenedAsync(session, leaver.LastDay, leaver.Department, today.AddDays(options.DueDays));
        await RequestTransition.RecordActorAsync(session, requestId, http);
        var created = (await RecommendationRequest.FindAsync(session.Connection, requestId, today, session.Transaction))!;
        await session.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/recommendation-requests/{requestId}", created);
    }
}
