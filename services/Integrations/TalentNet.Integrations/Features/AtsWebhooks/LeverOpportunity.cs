using System.Text.Json;
using TalentNet.Contracts.Integrations;

namespace TalentNet.Integrations.Features.AtsWebhooks;

/// <summary>A Lever opportunity (with its posting) as an ATS application: the opportunity is the application, the contact the person.</summary>
public static class LeverOpportunity
{
    public static AtsApplication ToApplication(JsonElement opportunity, JsonElement? posting, IntegrationsOptions options)
    {
        var source = opportunity.Items("sources").Select(item => item.ValueKind == JsonValueKind.String ? item.GetString() : null).FirstOrDefault();
        var emails = AtsMapping.Emails(opportunity.Items("emails").Select(email => (email.ValueKind == JsonValueKind.String ? email.GetString() : null, false)));
        var links = opportunity.Items("links").Select(link => link.ValueKind == JsonValueKind.String ? link.GetString() : null);
        var job = posting ?? default;
        return new AtsApplication(
            ReceiveLever.System,
            opportunity.Text("id") ?? "",
            new AtsCandidate(
                opportunity.Text("contact") ?? opportunity.Text("id") ?? "", opportunity.Text("name") ?? "", emails,
                opportunity.Items("phones").Select(phone => phone.Text("value")).FirstOrDefault(), Payload.Profiles(links)),
            new AtsJob(
                job.Text("id") ?? "", job.Text("text") ?? "", job.Text("categories", "department") ?? job.Text("categories", "team"),
                job.Text("categories", "location"), null),
            AtsMapping.ChannelOf(source, options),
            source,
            opportunity.Text("stage", "text"),
            opportunity.EpochMillis("createdAt"));
    }

    /// <summary>The posting the opportunity's first application is for.</summary>
    public static string? PostingId(JsonElement opportunity) =>
        opportunity.Items("applications").Select(application => application.Text("posting") ?? application.Text("posting", "id")).FirstOrDefault(id => id is not null);
}
