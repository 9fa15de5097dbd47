using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TalentNet.Contracts;
using TalentNet.Contracts.Recommendations;
using TalentNet.Messaging;
using TalentNet.Recommendations.Features.Dashboard;
using TalentNet.Recommendations.Features.Notifications;
using TalentNet.Storage;

namespace TalentNet.Recommendations.Features.Requests;

/// <summary>
/// Sends the reminders and expiries stored in <c>recommendation_schedule</c> once they are due.
/// Each due row is taken in its own transaction (SQL Server: UPDLOCK, READPAST; SQLite: one
/// writer), so replicas never send the same reminder twice and a restart loses none.
/// </summary>
public sealed partial class ReminderSchedule(
    Database database, Outbox outbox, RecommendationsOptions options, NotificationOptions notifications, TimeProvider clock, ILogger<ReminderSchedule> logger)
    : BackgroundService
{
    internal static string NextDueSql(SqlDialect dialect) =>
        dialect.Provider == DatabaseProvider.SqlServer
            ? """
              SELECT TOP (1) id AS Id, request_id AS RequestId, kind AS Kind, days_from_due AS DaysFromDue
              FROM recommendation_schedule WITH (UPDLOCK, READPAST, ROWLOCK)
              WHERE processed_at IS NULL AND due_at <= @Now ORDER BY due_at, id
              """
            : """
              SELECT id AS Id, request_id AS RequestId, kind AS Kind, days_from_due AS DaysFromDue
              FROM recommendation_schedule WHERE processed_at IS NULL AND due_at <= @Now ORDER BY due_at, id LIMIT 1
              """;

    internal const string DoneSql = "UPDATE recommendation_schedule SET processed_at = @Now WHERE id = @Id AND processed_at IS NULL";

    internal const string ExpireSql =
        "UPDATE recommendation_requests SET status = @Expired, expired_at = @Now, updated_at = @Now, version = version + 1 WHERE id = @Id AND status = @Requested";

    private sealed class Due
    {
        public long Id { get; init; }
        public Guid RequestId { get; init; }
        public string Kind { get; init; } = "";
        public int DaysFromDue { get; init; }
    }

    /// <summary>Handles every entry due now; returns how many.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        var handled = 0;
        while (await RunNextAsync(cancellationToken))
        {
            handled++;
        }

        return handled;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunDueAsync(stoppingToken);
                await Task.Delay(options.SchedulePollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception) when (exception is System.Data.Common.DbException or InvalidOperationException)
            {
                LogFailed(exception);
                await Task.Delay(TimeSpan.FromSeconds(5), clock, stoppingToken);
            }
        }
    }

    private async Task<bool> RunNextAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var session = await database.BeginAsync(cancellationToken);
        var due = await session.Connection.QuerySingleOrDefaultAsync<Due>(NextDueSql(database.Dialect), new { Now = now }, session.Transaction);
        if (due is null)
        {
            return false;
        }

        var request = await RecommendationRequest.FindAsync(session.Connection, due.RequestId, DateOnly.FromDateTime(now.UtcDateTime), session.Transaction);
        if (request is { Status: RecommendationStatus.Requested })
        {
            if (due.Kind == "expiry")
            {
                await session.Connection.ExecuteAsync(ExpireSql, new
                {
                    Id = request.Id, Now = now, Expired = RecommendationStatus.Expired.ToWire(), Requested = RecommendationStatus.Requested.ToWire(),
                }, session.Transaction);
                var expired = (await RecommendationRequest.FindAsync(session.Connection, request.Id, DateOnly.FromDateTime(now.UtcDateTime), session.Transaction))!;
                await RequestTallies.ChangedAsync(session, request, expired);
                await outbox.EnqueueAsync(session, new RecommendationExpired(TimeOrderedId.New(now), now, request.Id, request.AlumnusId, request.ManagerEmail));
                await MailOutbox.EnqueueForRequestAsync(
                    session, notifications, MailKind.Expired, $"expired:{request.Id}", request.Id, request.AlumnusId, request.ManagerEmail, now);
            }
            else
            {
                await outbox.EnqueueAsync(session, new RecommendationReminderDue(
                    TimeOrderedId.New(now), now, request.Id, request.AlumnusId, request.ManagerEmail, request.DueOn, due.DaysFromDue));
                await MailOutbox.EnqueueForRequestAsync(session, notifications, MailKind.Reminder, $"reminder:{request.Id}:{due.DaysFromDue}:{request.ManagerEmail}",
                    request.Id, request.AlumnusId, request.ManagerEmail, now);
            }
        }

        await session.Connection.ExecuteAsync(DoneSql, new { due.Id, Now = now }, session.Transaction);
        await session.CommitAsync(cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The recommendation schedule failed; it will try again")]
    private partial void LogFailed(Exception exception);
}
