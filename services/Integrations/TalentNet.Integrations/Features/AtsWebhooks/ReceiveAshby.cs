using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Contracts.Integrations;

namespace TalentNet.Integrations.Features.AtsWebhooks;

/// <summary>POST /webhooks/ashby: Ashby's webhooks, signed <c>Ashby-Signature: sha256=&lt;hex&gt;</c> over the body.</summary>
public static class ReceiveAshby
{
    public const string System = "ashby";

    public static void Map(RouteGroupBuilder webhooks) =>
        webhooks.MapPost("/ashby", Handle)
            .WithName("ReceiveAshbyWebhook")
            .Describe("Ashby", "Ashby-Signature: sha256=<hex> is HMAC-SHA256 of the raw body with Integrations:Ashby:SecretKey; webhookActionId identifies the event. Handled: applicationSubmit, candidateStageChange, candidateHire, ping.");

    public static Task<IResult> Handle(
        HttpRequest request, [FromHeader(Name = "Ashby-Signature"), MaxLength(Lengths.Token)] string? signature, Deliveries deliveries, IOptions<IntegrationsOptions> options,
        CancellationToken cancellationToken) =>
        WebhookIntake.ReceiveAsync(
            request, AtsSystem.Ashby, options.Value.Ashby.SecretKey, "Integrations:Ashby:SecretKey",
            (secret, body, _) => Signatures.HexMatches(secret, body, Signatures.After(signature, "sha256=")),
            root => Read(root, options.Value), deliveries, cancellationToken);

    public static AtsReading Read(JsonElement root, IntegrationsOptions options)
    {
        var action = root.Text("action") ?? "";
        var eventId = root.Text("webhookActionId");
        var application = root.At("data", "application");
        return action switch
        {
            "ping" => AtsReading.Ping(action, eventId),
            "applicationSubmit" => AtsMapping.Read(action, eventId, Application(application, options), AtsMapping.Received),
            "candidateStageChange" => AtsMapping.Read(
                action, eventId, Application(application, options), AtsMapping.StageChanged(application?.Instant("updatedAt"))),
            "candidateHire" => AtsMapping.Read(action, eventId, Application(application, options), AtsMapping.Hired(application?.Instant("updatedAt"))),
            _ => AtsReading.Ignored(action, eventId),
        };
    }

    private static AtsApplication? Application(JsonElement? found, IntegrationsOptions options)
    {
        if (found is not { } application)
        {
            return null;
        }

        var candidate = application.At("candidate") ?? default;
        var job = application.At("job") ?? default;
        var source = application.Text("source", "title");
        var emails = AtsMapping.Emails(
            new[] { candidate.At("primaryEmailAddress") }.OfType<JsonElement>().Concat(candidate.Items("emailAddresses"))
                .Select(email => (email.Text("value"), email.Text("type") == "Personal")));
        var links = candidate.Items("socialLinks").Select(link => link.Text("url")).Append(candidate.Text("linkedInUrl"));
        return new AtsApplication(
            System,
            application.Text("id") ?? "",
            new AtsCandidate(
                candidate.Text("id") ?? "", candidate.Text("name") ?? "", emails, candidate.Text("primaryPhoneNumber", "value"), Payload.Profiles(links)),
            new AtsJob(job.Text("id") ?? "", job.Text("title") ?? "", job.Text("department", "name"), job.Text("location", "name"), null),
            AtsMapping.ChannelOf(source, options),
            source,
            application.Text("currentInterviewStage", "title"),
            application.Instant("createdAt"));
    }
}
