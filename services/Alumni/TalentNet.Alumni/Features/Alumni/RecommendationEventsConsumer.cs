using Dapper;
using MassTransit;
using TalentNet.Alumni.Features.Dashboard;
using TalentNet.Contracts;
using TalentNet.Contracts.Recommendations;
using TalentNet.Messaging;

namespace TalentNet.Alumni.Features.Alumni;

/// <summary>The former manager's recommendation, as Recommendations reports it, on the alumnus and the timeline.</summary>
public sealed class RecommendationEventsConsumer(ConsumeSession session, TimeProvider clock) :
    IConsumer<RecommendationRequested>, IConsumer<RecommendationGiven>, IConsumer<RecommendationDeclined>,
    IConsumer<RecommendationExpired>, IConsumer<RecommendationPublished>
{
    internal const string StatusSql =
        "UPDATE alumni SET recommendation_status = @Status, updated_at = @Now, version = version + 1 WHERE id = @Id";

    public Task Consume(ConsumeContext<RecommendationRequested> context) =>
        ApplyAsync(context.Message.AlumnusId, RecommendationStatus.Requested, $"Recommendation requested from {context.Message.ManagerEmail}, due {context.Message.DueOn:yyyy-MM-dd}.");

    public Task Consume(ConsumeContext<RecommendationGiven> context) =>
        ApplyAsync(context.Message.AlumnusId, RecommendationStatus.Given,
            $"{context.Message.ManagerEmail} gave a recommendation{(context.Message.WouldRehire ? " and would rehire" : "")}{OnBehalf(context.Message.ActedBy, context.Message.OnManagersBehalf)}.");

    public Task Consume(ConsumeContext<RecommendationDeclined> context) =>
        ApplyAsync(context.Message.AlumnusId, RecommendationStatus.Declined,
            $"{context.Message.ManagerEmail} declined{OnBehalf(context.Message.ActedBy, context.Message.OnManagersBehalf)}: {context.Message.Reason}");

    public Task Consume(ConsumeContext<RecommendationExpired> context) =>
        ApplyAsync(context.Message.AlumnusId, RecommendationStatus.Expired, "The recommendation request expired.");

    public Task Consume(ConsumeContext<RecommendationPublished> context) =>
        ApplyAsync(context.Message.AlumnusId, null, $"Recommendation published at {context.Message.Url}{OnBehalf(context.Message.ActedBy, context.Message.OnManagersBehalf)}.");

    /// <summary>HR or an admin acting for the manager is said so, with who it was.</summary>
    private static string OnBehalf(string? actedBy, bool onManagersBehalf) =>
        onManagersBehalf ? $" (recorded by {actedBy ?? "HR"} on the manager's behalf)" : "";

    private async Task ApplyAsync(Guid alumnusId, RecommendationStatus? status, string detail)
    {
        var db = session.Current;
        var now = clock.GetUtcNow();
        if (status is not null)
        {
            await AlumniTallies.TrackAsync(db, alumnusId,
                () => db.Connection.ExecuteAsync(StatusSql, new { Id = alumnusId, Status = status.Value.ToWire(), Now = now }, db.Transaction));
        }

        await Alumnus.RecordAsync(db, alumnusId, status is null ? "recommendation-published" : $"recommendation-{status.Value.ToWire()}", detail, now);
    }
}
