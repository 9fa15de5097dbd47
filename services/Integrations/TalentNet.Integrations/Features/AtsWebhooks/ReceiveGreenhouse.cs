using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Contracts.Integrations;

namespace TalentNet.Integrations.Features.AtsWebhooks;

/// <summary>POST /webhooks/greenhouse: Greenhouse's web hooks, signed <c>Signature: sha256 &lt;hex&gt;</c> over the body.</summary>
public static class ReceiveGreenhouse
{
    public const string System = "greenhouse";

    public static void Map(RouteGroupBuilder webhooks) =>
        webhooks.MapPost("/greenhouse", Handle)
            .WithName("ReceiveGreenhouseWebhook")
            .Describe("Greenhouse", "Signature: sha256 <hex> is HMAC-SHA256 of the raw body with Integrations:Greenhouse:SecretKey; Greenhouse-Event-ID identifies the delivery. Handled: new_candidate_application, candidate_stage_change, hire_candidate, ping.");

    public static Task<IResult> Handle(
        HttpRequest request, [FromHeader(Name = "Signature"), MaxLength(Lengths.Token)] string? signature, [FromHeader(Name = "Greenhouse-Event-ID"), MaxLength(Lengths.ExternalId)] string? eventId,
        Deliveries deliveries, IOptions<IntegrationsOptions> options, CancellationToken cancellationToken) =>
        WebhookIntake.ReceiveAsync(
            request, AtsSystem.Greenhouse, options.Value.Greenhouse.SecretKey, "Integrations:Greenhouse:SecretKey",
            (secret, body, _) => Signatures.HexMatches(secret, body, Signatures.After(signature, "sha256 ")),
            root => Read(root, eventId, options.Value), deliveries, cancellationToken);

    public static AtsReading Read(JsonElement root, string? eventId, IntegrationsOptions options)
    {
        var action = root.Text("action") ?? "";
        var application = root.At("payload", "application");
        return action switch
        {
            "ping" => AtsReading.Ping(action, eventId),
            "new_candidate_application" => AtsMapping.Read(action, eventId, Application(application, options), AtsMapping.Received),
            "candidate_stage_change" => AtsMapping.Read(
                action, eventId, Application(application, options), AtsMapping.StageChanged(application?.Instant("last_activity_at"))),
            "hire_candidate" => AtsMapping.Read(
                action, eventId, Application(application, options), AtsMapping.Hired(application?.Instant("offer", "resolved_at"))),
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
        var job = application.At("job") ?? application.Items("jobs").FirstOrDefault();
        var source = application.Text("source", "public_name") ?? application.Text("source", "name");
        var name = $"{candidate.Text("first_name")} {candidate.Text("last_name")}".Trim();
        var emails = AtsMapping.Emails(candidate.Items("email_addresses").Select(email => (email.Text("value"), email.Text("type") == "personal")));
        var links = candidate.Items("social_media_addresses").Concat(candidate.Items("website_addresses")).Select(link => link.Text("value"));
        var department = job.Items("departments").Select(item => item.Text("name")).FirstOrDefault();
        var office = job.Items("offices").Select(item => item.Text("location") ?? item.Text("name")).FirstOrDefault();
        var appliedAt = application.Instant("applied_at") ?? application.Instant("offer", "created_at") ?? application.Instant("last_activity_at");
        return new AtsApplication(
            System,
            application.Text("id") ?? "",
            new AtsCandidate(
                candidate.Text("id") ?? "", name, emails, candidate.Items("phone_numbers").Select(phone => phone.Text("value")).FirstOrDefault(),
                Payload.Profiles(links)),
            new AtsJob(job.Text("id") ?? "", job.Text("name") ?? "", department, office, null),
            AtsMapping.ChannelOf(source, options),
            source,
            application.Text("current_stage", "name"),
            appliedAt);
    }
}
