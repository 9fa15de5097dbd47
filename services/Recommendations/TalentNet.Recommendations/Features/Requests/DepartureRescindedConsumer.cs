using Dapper;
using MassTransit;
using TalentNet.Contracts;
using TalentNet.Contracts.Alumni;
using TalentNet.Messaging;
using TalentNet.Recommendations.Features.Dashboard;

namespace TalentNet.Recommendations.Features.Requests;

/// <summary>A withdrawn departure: its open request is cancelled with its reminders, and it stops counting.</summary>
public sealed class DepartureRescindedConsumer(ConsumeSession session, TimeProvider clock) : IConsumer<DepartureRescinded>
{
    internal const string StatusSql = "UPDATE alumni_read SET status = @Status, updated_at = @Now WHERE alumnus_id = @AlumnusId";

    internal const string OpenRequestSql = "SELECT id FROM recommendation_requests WHERE departure_id = @DepartureId AND status = @Requested";

    internal const string CancelSql =
        "UPDATE recommendation_requests SET status = @Cancelled, updated_at = @Now, version = version + 1 WHERE id = @Id AND status = @Requested";

    internal const string DropScheduleSql = "UPDATE recommendation_schedule SET processed_at = @Now WHERE request_id = @Id AND processed_at IS NULL";

    public async Task Consume(ConsumeContext<DepartureRescinded> context)
    {
        var db = session.Current;
        var rescinded = context.Message;
        var now = clock.GetUtcNow();
        var (requested, cancelled) = (RecommendationStatus.Requested.ToWire(), RecommendationStatus.Cancelled.ToWire());
        await db.Connection.ExecuteAsync(StatusSql, new { rescinded.AlumnusId, Status = rescinded.Status.ToWire(), Now = now }, db.Transaction);
        var openId = await db.Connection.ExecuteScalarAsync<Guid?>(OpenRequestSql, new { rescinded.DepartureId, Requested = requested }, db.Transaction);
        var open = openId is { } id ? await RecommendationRequest.FindAsync(db.Connection, id, DateOnly.FromDateTime(now.UtcDateTime), db.Transaction) : null;
        await RequestTallies.RescindedAsync(db, rescinded.ConsentedToRequest, rescinded.LastDay, rescinded.Department, rescinded.ManagerEmail.ToLowerInvariant(), open);
        if (open is not null)
        {
            await db.Connection.ExecuteAsync(CancelSql, new { open.Id, Cancelled = cancelled, Requested = requested, Now = now }, db.Transaction);
            await db.Connection.ExecuteAsync(DropScheduleSql, new { open.Id, Now = now }, db.Transaction);
        }
    }
}
