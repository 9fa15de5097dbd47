using System.Text.Json;

namespace TalentNet.Integrations.Features.AtsWebhooks;

/// <summary>Each vendor's reading of a stored body, for replays (the signature was checked when it arrived).</summary>
public static class Vendors
{
    public static AtsReading Read(AtsSystem system, JsonElement root, IntegrationsOptions options) => system switch
    {
        AtsSystem.Greenhouse => ReceiveGreenhouse.Read(root, eventId: null, options),
        AtsSystem.Ashby => ReceiveAshby.Read(root, options),
        AtsSystem.Lever => ReceiveLever.Read(root),
        _ => throw new ArgumentOutOfRangeException(nameof(system), system, "Not an ATS system."),
    };
}
