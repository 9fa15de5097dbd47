using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Contracts;
using TalentNet.ServiceDefaults.OpenApi;

namespace TalentNet.Integrations.Features.AtsWebhooks;

/// <summary>
/// What every vendor's endpoint does: refuse when the vendor is not configured (404) or the signature
/// does not verify (401, nothing stored), refuse a body that is not JSON (400), then record the
/// delivery and what it comes to.
/// </summary>
public static class WebhookIntake
{
    public static RouteHandlerBuilder Describe(this RouteHandlerBuilder endpoint, string vendor, string signature) =>
        endpoint
            .SignedBy(signature)
            .WithSummary($"Receive a {vendor} webhook")
            .WithDescription($"{signature} A delivery seen before (the vendor's event id, or the same body) is answered 200 'duplicate' and has no effect; an action TalentNet does not handle is 202 and recorded. Raw deliveries are kept for Integrations:DeliveryRetention (30 days by default).")
            .Accepts<JsonElement>("application/json")
            .Produces<DeliveryReceipt>(StatusCodes.Status200OK)
            .Produces<DeliveryReceipt>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<IResult> ReceiveAsync(
        HttpRequest request, AtsSystem system, string? secret, string secretSetting,
        Func<string, byte[], JsonElement?, bool> verify, Func<JsonElement, AtsReading> read, Deliveries deliveries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(verify);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(deliveries);
        if (string.IsNullOrEmpty(secret))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: $"{system.ToWire()} webhooks are not configured.",
                detail: $"Set {secretSetting} to receive them.");
        }

        var (bytes, text) = await Signatures.ReadBodyAsync(request, cancellationToken);
        using var document = TryParse(bytes);
        var root = document?.RootElement;
        if (!verify(secret, bytes, root))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "The webhook signature does not verify.",
                detail: $"The delivery was not signed with {secretSetting}, or its body was changed on the way. Nothing was stored.");
        }

        if (root is not { ValueKind: JsonValueKind.Object } body)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not a JSON object.");
        }

        Results<Ok<DeliveryReceipt>, Accepted<DeliveryReceipt>> answer = await deliveries.AcceptAsync(system, read(body), text, cancellationToken);
        return answer;
    }

    private static JsonDocument? TryParse(byte[] bytes)
    {
        try
        {
            return JsonDocument.Parse(bytes);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
