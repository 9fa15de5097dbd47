using Dapper;
using MassTransit;
using TalentNet.Alumni.Features.Alumni;
using TalentNet.Alumni.Features.Referrals;
using TalentNet.Contracts;
using TalentNet.Contracts.Alumni;
using TalentNet.Contracts.Candidates;
using TalentNet.Messaging;

namespace TalentNet.Alumni.Features.Events;

/// <summary>Boomerang detection at apply time: a new candidate whose email is an alumnus's.</summary>
public sealed class CandidateRegisteredConsumer(ConsumeSession session, Outbox outbox, TimeProvider clock) : IConsumer<CandidateRegistered>
{
    internal const string LinkSql = "UPDATE alumni SET candidate_id = @CandidateId, updated_at = @Now, version = version + 1 WHERE id = @Id";

    public async Task Consume(ConsumeContext<CandidateRegistered> context)
    {
        var db = session.Current;
        var candidate = context.Message;
        var alumnus = await Alumnus.FindByEmailAsync(db.Connection, candidate.Email, db.Transaction);
        if (alumnus is null)
        {
            return;
        }

        var now = clock.GetUtcNow();
        await db.Connection.ExecuteAsync(LinkSql, new { alumnus.Id, candidate.CandidateId, Now = now }, db.Transaction);
        await Alumnus.RecordAsync(db, alumnus.Id, "registered-as-candidate", $"Registered as candidate {candidate.CandidateId}.", now);
        await outbox.EnqueueAsync(db, new AlumnusApplied(Guid.CreateVersion7(now), now, alumnus.Id, candidate.CandidateId, alumnus.RehireEligibility));
    }
}

/// <summary>Applications feed the timeline and the outcome of alumni referrals.</summary>
public sealed class ApplicationEventsConsumer(ConsumeSession session, TimeProvider clock) : IConsumer<ApplicationSubmitted>, IConsumer<ApplicationStageChanged>
{
    internal const string ReferralForApplicationSql =
        """
        UPDATE referrals SET status = @Applied, application_id = @ApplicationId, stage_reached = @Stage, updated_at = @Now
        WHERE alumnus_id = @AlumnusId AND candidate_email = @Email AND application_id IS NULL
        """;

    internal const string ReferralStageSql =
        "UPDATE referrals SET stage_reached = @Stage, updated_at = @Now WHERE application_id = @ApplicationId AND status <> @Hired";

    internal const string AlumnusByCandidateSql = "SELECT id FROM alumni WHERE candidate_id = @CandidateId";

    public async Task Consume(ConsumeContext<ApplicationSubmitted> context)
    {
        var db = session.Current;
        var application = context.Message;
        var now = clock.GetUtcNow();
        if (application.Source.ReferrerKind == ReferrerKind.Alumnus && Guid.TryParse(application.Source.ReferrerId, out var referrer))
        {
            await db.Connection.ExecuteAsync(ReferralForApplicationSql, new
            {
                application.ApplicationId, Stage = application.Stage, AlumnusId = referrer, Email = application.CandidateEmail.ToLowerInvariant(), Now = now,
                Applied = ReferralStatus.Applied.ToWire(),
            }, db.Transaction);
        }

        if (await db.Connection.ExecuteScalarAsync<Guid?>(AlumnusByCandidateSql, new { application.CandidateId }, db.Transaction) is { } alumnus)
        {
            await Alumnus.RecordAsync(db, alumnus, "application", $"Applied for job {application.JobId} via {application.Source.Channel.ToWire()}.", now);
        }
    }

    public async Task Consume(ConsumeContext<ApplicationStageChanged> context)
    {
        var db = session.Current;
        var change = context.Message;
        await db.Connection.ExecuteAsync(ReferralStageSql, new { change.ApplicationId, Stage = change.ToStage, Now = clock.GetUtcNow(), Hired = ReferralStatus.Hired.ToWire() }, db.Transaction);
    }
}

/// <summary>Boomerang detection at hire: an alumnus hired again returns; a referral that led to the hire is marked hired.</summary>
public sealed class CandidateHiredConsumer(ConsumeSession session, Outbox outbox, TimeProvider clock) : IConsumer<CandidateHired>
{
    internal const string HireSql = "INSERT INTO hires (application_id, candidate_id, alumnus_id, hired_on) VALUES (@ApplicationId, @CandidateId, @AlumnusId, @HiredOn)";

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

    /// <summary>The last stage of every pipeline (Candidates' rule).</summary>
    private const string HiredStage = "hired";

    public async Task Consume(ConsumeContext<CandidateHired> context)
    {
        var db = session.Current;
        var hire = context.Message;
        var now = clock.GetUtcNow();
        var linked = await db.Connection.ExecuteScalarAsync<Guid?>(AlumnusByCandidateSql, new { hire.CandidateId }, db.Transaction);
        var alumnus = linked is { } id
            ? await Alumnus.FindAsync(db.Connection, id, db.Transaction)
            : await Alumnus.FindByEmailAsync(db.Connection, hire.Email, db.Transaction);
        await db.Connection.ExecuteAsync(HireSql, new { hire.ApplicationId, hire.CandidateId, AlumnusId = alumnus?.Id, hire.HiredOn }, db.Transaction);

        if (alumnus is not null && hire.HiredOn >= alumnus.LastDay)
        {
            var months = Alumnus.MonthsBetween(alumnus.LastDay, hire.HiredOn);
            await db.Connection.ExecuteAsync(ReturnSql, new
            {
                alumnus.Id, hire.CandidateId, hire.HiredOn, MonthsAway = months, Channel = hire.Source.Channel.ToWire(), Role = hire.JobTitle, Now = now,
                Returned = AlumnusStatus.Returned.ToWire(),
            }, db.Transaction);
            await Alumnus.RecordAsync(db, alumnus.Id, "returned", $"Hired again as {hire.JobTitle} after {months} months away (via {hire.Source.Channel.ToWire()}).", now);
            await outbox.EnqueueAsync(db, new AlumnusReturned(Guid.CreateVersion7(now), now, alumnus.Id, hire.CandidateId, hire.JobId, hire.HiredOn, months, hire.Source.Channel));
        }

        if (hire.Source.ReferrerKind == ReferrerKind.Alumnus && Guid.TryParse(hire.Source.ReferrerId, out var referrer))
        {
            await db.Connection.ExecuteAsync(ReferralHiredSql, new
            {
                hire.ApplicationId, AlumnusId = referrer, Email = hire.Email.ToLowerInvariant(), Now = now,
                Hired = ReferralStatus.Hired.ToWire(), HiredStage = HiredStage,
            }, db.Transaction);
            await Alumnus.RecordAsync(db, referrer, "referral-hired", $"{hire.Email} was hired as {hire.JobTitle}.", now);
        }
    }
}
