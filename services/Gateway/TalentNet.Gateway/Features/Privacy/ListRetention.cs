using System.Text.Json.Nodes;
using TalentNet.Gateway.Features.Dashboard;
using TalentNet.ServiceDefaults.Auth;

namespace TalentNet.Gateway.Features.Privacy;

/// <summary>
/// GET /api/privacy/retention: every service's retention rules in one answer (how long each keeps what,
/// when each last ran, how many records it changed), asked with the caller's own credential.
/// </summary>
public static class ListRetention
{
    private static readonly string[] Services = ["candidates", "alumni", "integrations"];

    public static void Map(WebApplication app) =>
        app.MapGet("/api/privacy/retention", Handle)
            .WithName("ListRetention")
            .WithSummary("Every service's retention rules and when each last ran")
            .WithTags("Privacy")
            .RequireRoles(ExportPersonalData.Readers);

    internal static async Task<IResult> Handle(HttpContext http, ServiceSections services, CancellationToken cancellationToken)
    {
        var sections = await Task.WhenAll(Services.Select(service => services.FetchAsync(service, "api/privacy/retention", http, [], cancellationToken)));
        if (ServiceSections.Refusal(sections, "the retention rules") is { } refused)
        {
            return refused;
        }

        var answer = new JsonObject();
        foreach (var section in sections)
        {
            answer[section.Service] = JsonNode.Parse(section.Body!.Value.GetRawText());
        }

        return TypedResults.Json(answer);
    }
}
