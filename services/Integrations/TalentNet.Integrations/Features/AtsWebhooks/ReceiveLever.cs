using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace TalentNet.Integrations.Features.AtsWebhooks;

/// <summary>
/// POST /webhooks/lever: Lever's webhooks. The signature in the body is HMAC-SHA256 of
/// <c>token + triggeredAt</c>; the body carries ids only, so a delivery is stored as pending and
/// <see cref="LeverSync"/> reads the opportunity from Lever's API.
/// </summary>
public static class ReceiveLever
{
    public const string System = "lever";

    public static readonly IReadOnlyList<string> Handled = ["applicationCreated", "candidateStageChange", "candidateHired"];

    public static void Map(RouteGroupBuilder webhooks) =>
        webhooks.MapPost("/lever", Handle)
            .WithName("ReceiveLeverWebhook")
            .Describe("Lever", $"The body's signature is HMAC-SHA256 of token + triggeredAt with Integrations:Lever:SignatureToken; id identifies the delivery. Handled: {string.Join(", ", Handled)}: answered 202 and completed from Lever's API (Integrations:Lever:ApiKey).");

    public static Task<IResult> Handle(HttpRequest request, Deliveries deliveries, IOptions<IntegrationsOptions> options, CancellationToken cancellationToken) =>
        WebhookIntake.ReceiveAsync(
            request, AtsSystem.Lever, options.Value.Lever.SignatureToken, "Integrations:Lever:SignatureToken",
            (secret, _, root) => Verifies(secret, root), Read, deliveries, cancellationToken);

    /// <summary>Lever signs the token and the time, not the body: what the body says beyond the ids is read from Lever's API, never trusted.</summary>
    public static bool Verifies(string secret, JsonElement? root) =>
        root is { ValueKind: JsonValueKind.Object } body
        && body.Text("token") is { } token
        && body.Text("triggeredAt") is { } triggeredAt
        && Signatures.HexMatches(secret, Encoding.UTF8.GetBytes(token + triggeredAt), body.Text("signature"));

    public static AtsReading Read(JsonElement root)
    {
        var action = root.Text("event") ?? "";
        var eventId = root.Text("id");
        if (!Handled.Contains(action))
        {
            return AtsReading.Ignored(action, eventId);
        }

        return OpportunityId(root) is null ? AtsReading.Unusable(action, eventId, "The delivery names no opportunity.") : AtsReading.Pending(action, eventId);
    }

    public static string? OpportunityId(JsonElement root) => root.Text("data", "opportunityId") ?? root.Text("data", "candidateId");
}
