using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Primitives;
using TalentNet.Gateway.Features.Dashboard;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;

namespace TalentNet.Gateway.Features.Privacy;

/// <summary>
/// GET /api/privacy/export?email=: subject access, everything every service holds about the person
/// with that address, as one JSON document; asked of each service with the caller's own credential
/// (hr, admin), so each service audits the read. Complete or not at all: a service without an answer is 503.
/// </summary>
public static class ExportPersonalData
{
    public static readonly string[] Readers = [Roles.Hr, Roles.Admin];

    private static readonly string[] Services = ["candidates", "alumni", "recommendations", "integrations"];

    public static void Map(WebApplication app) =>
        app.MapGet("/api/privacy/export", Handle)
            .WithName("ExportPersonalData")
            .WithSummary("Everything every service holds about the person with an email address, as one document (subject access)")
            .WithTags("Privacy")
            .RequireRoles(Readers);

    internal static async Task<IResult> Handle([MaxLength(Lengths.Email)] string? email, HttpContext http, ServiceSections services, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = new Validation().Email("email", email);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var query = new Dictionary<string, StringValues> { ["email"] = email };
        var sections = await Task.WhenAll(Services.Select(service => services.FetchAsync(service, "api/privacy/export", http, query, cancellationToken)));
        if (ServiceSections.Refusal(sections, "the export") is { } refused)
        {
            return refused;
        }

        var answer = new JsonObject { ["email"] = Validation.NormalizeEmail(email!), ["exportedAt"] = clock.GetUtcNow() };
        foreach (var section in sections)
        {
            answer[section.Service] = JsonObject.Create(section.Body!.Value);
        }

        return TypedResults.Json(answer);
    }
}
