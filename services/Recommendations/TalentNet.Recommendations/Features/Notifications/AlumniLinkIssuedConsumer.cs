using System.Text.Json;
using MassTransit;
using TalentNet.Contracts;
using TalentNet.Contracts.Alumni;
using TalentNet.Messaging;

namespace TalentNet.Recommendations.Features.Notifications;

/// <summary>
/// Alumni issued a personal link: the welcome mail, or the link the alumnus asked for, is queued once
/// per link. The link travels in the mail row only until the mail is sent or skipped.
/// </summary>
public sealed class AlumniLinkIssuedConsumer(ConsumeSession session, NotificationOptions options) : IConsumer<AlumniLinkIssued>
{
    /// <summary>What an alumni mail needs besides its row: who it greets and the link, until when it opens.</summary>
    public sealed record LinkDetails(string FullName, string Token, DateTimeOffset ExpiresAt);

    public Task Consume(ConsumeContext<AlumniLinkIssued> context)
    {
        var issued = context.Message;
        var kind = issued.Purpose == AlumniLinkPurpose.Welcome ? MailKind.AlumniWelcome : MailKind.AlumniLink;
        return MailOutbox.EnqueueAsync(
            session.Current, kind, $"alumni-link:{issued.LinkId}", issued.AlumnusId, issued.Email, issued.Language ?? options.DefaultLanguage, issued.OccurredAt,
            JsonSerializer.Serialize(new LinkDetails(issued.FullName, issued.Token, issued.ExpiresAt)));
    }
}
