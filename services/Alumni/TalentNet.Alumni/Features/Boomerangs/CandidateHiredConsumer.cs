using Dapper;
using MassTransit;
using TalentNet.Alumni.Features.Alumni;
using TalentNet.Alumni.Features.Dashboard;
using TalentNet.Contracts;
using TalentNet.Contracts.Alumni;
using TalentNet.Contracts.Candidates;
using TalentNet.Messaging;
using TalentNet.Storage;

namespace TalentNet.Alumni.Features.Boomerangs;

/// <summary>Boomerang detection at hire (the candidate's link, else their latest match, else the hire's email): an alumnus hired again returns; a referral that led to the hire is marked hired.</summary>
public sealed class CandidateHiredConsumer(ConsumeSession session, Outbox outbox, TimeProvider clock) : IConsumer<CandidateHired>
{
    internal const string HireSql =
        "INSERT INTO hires (application_id, candidate_id, alumnus_id, hired_on, department) VALUES (@ApplicationId, @CandidateId, @AlumnusId, @HiredOn, @Department)";

    internal const string ReturnSql =
        """
        UPDATE alumni SET status = @Returned, candidate_id = @CandidateId, returned_on = @HiredOn, months_away = @MonthsAway,
            return_channel = @Channel, return_role = @Role, updated_at = @Now, version = version + 1
        WHERE id = @Id
        """;

    internal const string ReferralHiredSql =
        """
        UPDATE referrals SET status = @Hired, stage_reached = @HiredStage, application_id = @ApplicationId, updated_at = @Now
        WHERE application_id = @ApplicationId OR (alumnus_id = @AlumnusId AND candidate_email = @Email AND status <> @Hired)
        """;

    internal const string AlumnusByCandidateSql = "SELECT id FROM alumni WHERE candidate_id = @CandidateId";

    internal const string AlumnusByMatchSql = "SELECT alumnus_id FROM boomerang_matches WHERE candidate_id = @CandidateId ORDER BY matched_at DESC";

    /// <summary>The last stage of every pipeline (Candidates' rule).</summary>
    private const string HiredStage = "hired";

    public async Task Consume(ConsumeContext<CandidateHired> context)
    {
        var db = session.Current;
        var hire = context.Message;
        var now = clock.GetUtcNow();
        var linked = await db.Connection.ExecuteScalarAsync<Guid?>(AlumnusByCandidateSql, new { hire.CandidateId }, db.Transaction)
            ?? await db.Connection.QueryFirstOrDefaultAsync<Guid?>(AlumnusByMatchSql, new { hire.CandidateId }, db.Transaction);
        var alumnus = linked is { } id
            ? await Alumnus.FindAsync(db.Connection, id, db.Transaction)
            : await Alumnus.FindByEmailAsync(db.Connection, hire.Email, db.Transaction);
        await db.Connection.ExecuteAsync(HireSql, new { hire.ApplicationId, hire.CandidateId, AlumnusId = alumnus?.Id, hire.HiredOn, hire.Department }, db.Transaction);
        var returns = alumnus is not null && hire.HiredOn >= alumnus.LastDay;
        var months = returns ? Alumnus.MonthsBetween(alumnus!.LastDay, hire.HiredOn) : (int?)null;
        await AlumniTallies.HiredAsync(db, hire.HiredOn, hire.Department, boomerang: alumnus is not null, months);

        if (returns)
        {
            await AlumniTallies.TrackAsync(db, alumnus!.Id, () => db.Connection.ExecuteAsync(ReturnSql, new
            {
                alumnus.Id, hire.CandidateId, hire.HiredOn, MonthsAway = months, Channel = hire.Source.Channel.ToWire(), Role = hire.JobTitle, Now = now,
                Returned = AlumnusStatus.Returned.ToWire(),
            }, db.Transaction));
            await Alumnus.RecordAsync(db, alumnus.Id, "returned", $"Hired again as {hire.JobTitle} after {months} months away (via {hire.Source.Channel.ToWire()}).", now);
            await outbox.EnqueueAsync(db, new AlumnusReturned(TimeOrderedId.New(now), now, alumnus.Id, hire.CandidateId, hire.JobId, hire.HiredOn, months!.Value, hire.Source.Channel));
        }

        if (hire.Source.ReferrerKind == ReferrerKind.Alumnus && Guid.TryParse(hire.Source.ReferrerId, out var referrer))
        {
            await AlumniTallies.ReferralsHiredAsync(db, hire.ApplicationId, referrer, hire.Email.ToLowerInvariant());
            await db.Connection.ExecuteAsync(ReferralHiredSql, new
            {
                hire.ApplicationId, AlumnusId = referrer, Email = hire.Email.ToLowerInvariant(), Now = now,
                Hired = ReferralStatus.Hired.ToWire(), HiredStage = HiredStage,
            }, db.Transaction);
            await Alumnus.RecordAsync(db, referrer, "referral-hired", $"{hire.Email} was hired as {hire.JobTitle}.", now);
        }
    }
}
