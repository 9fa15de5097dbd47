using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Contracts;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Recommendations.Features.Notifications;

/// <summary>POST /api/notifications/{id}/retry: HR sends a dead letter again (after the mail server or address was fixed).</summary>
public static class RetryNotification
{
    internal const string RetrySql =
        "UPDATE mail_outbox SET status = @Pending, attempts = 0, next_attempt_at = @Now, last_error = NULL WHERE id = @Id AND status = @Dead";

    internal static readonly string FindSql = $"SELECT {ListNotifications.Columns} FROM mail_outbox WHERE id = @Id";

    public static void Map(RouteGroupBuilder notifications) =>
        notifications.MapPost("/{id:guid}/retry", Handle)
            .WithName("RetryNotification")
            .WithSummary("Send a dead letter again")
            .RequireRoles(RecommendationsApi.DashboardReaders)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Ok<ListNotifications.Notification>, ProblemHttpResult>> Handle(
        Guid id, Database database, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var session = await database.BeginAsync(cancellationToken);
        var changed = await session.Connection.ExecuteAsync(RetrySql, new
        {
            Id = id, Now = clock.GetUtcNow(), Pending = MailStatus.Pending.ToWire(), Dead = MailStatus.Dead.ToWire(),
        }, session.Transaction);
        var row = await session.Connection.QuerySingleOrDefaultAsync<ListNotifications.Row>(FindSql, new { Id = id }, session.Transaction);
        if (row is null)
        {
            return ApiProblems.NotFound("Notification", id);
        }

        if (changed == 0)
        {
            return ApiProblems.InvalidTransition($"Only a dead letter is sent again; this one is {row.Status}.");
        }

        var answer = row.ToResponse();
        await session.CommitAsync(cancellationToken);
        return TypedResults.Ok(answer);
    }
}
