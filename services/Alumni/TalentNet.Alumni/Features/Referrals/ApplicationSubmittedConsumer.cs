using Dapper;
using MassTransit;
using TalentNet.Alumni.Features.Alumni;
using TalentNet.Contracts;
using TalentNet.Contracts.Candidates;
using TalentNet.Messaging;

namespace TalentNet.Alumni.Features.Referrals;

/// <summary>An application a referral led to marks the referral applied; an alumnus's application goes on their timeline.</summary>
public sealed class ApplicationSubmittedConsumer(ConsumeSession session, TimeProvider clock) : IConsumer<ApplicationSubmitted>
{
    internal const string ReferralForApplicationSql =
        """
        UPDATE referrals SET status = @Applied, application_id = @ApplicationId, stage_reached = @Stage, updated_at = @Now
        WHERE alumnus_id = @AlumnusId AND candidate_email = @Email AND application_id IS NULL
        """;

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
}
