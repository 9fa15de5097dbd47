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

    public async Task Consume(ConsumeContext<DepartureRescinded> context)
    {
        var db = session.Current;
        var rescinded = context.Message;
        var now = clock.GetUtcNow();
        var requested = RecommendationStatus.Requested.ToWire();
        await db.Connection.ExecuteAsync(StatusSql, new { rescinded.AlumnusId, Status = rescinded.Status.ToWire(), Now = now }, db.Transaction);
        var openId = await db.Connection.ExecuteScalarAsync<Guid?>(OpenRequestSql, new { rescinded.DepartureId, Requested = requested }, db.Transaction);
        var open = openId is { } id ? await RecommendationRequest.FindAsync(db.Connection, id, DateOnly.FromDateTime(now.UtcDateTime), db.Transaction) : null;
        await RequestTallies.RescindedAsync(db, rescinded.ConsentedToRequest, rescinded.LastDay, rescinded.Department, rescinded.ManagerEmail.ToLowerInvariant(), open);
        if (open is not null)
        {
            await RecommendationRequest.CancelAsync(db, open.Id, now);
        }
    }
}
