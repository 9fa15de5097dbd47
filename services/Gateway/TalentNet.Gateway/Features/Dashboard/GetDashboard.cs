using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;

namespace TalentNet.Gateway.Features.Dashboard;

/// <summary>
/// GET /api/dashboard?from=YYYY-MM&amp;to=YYYY-MM&amp;department=: every number the HR dashboard shows,
/// composed from the three services' sections (each read from counts kept with every write), as
/// JSON, or one table as CSV (<c>Accept: text/csv</c> and <c>table=</c>).
/// </summary>
public static class GetDashboard
{
    public static readonly string[] Readers = [Roles.Hr, Roles.Admin];

    /// <summary>Service (proxy cluster) → the name of its section in the answer.</summary>
    private static readonly (string Service, string Section)[] Sections =
        [("candidates", "channels"), ("recommendations", "recommendations"), ("alumni", "returns")];

    /// <summary>What every section repeats; the answer says it once.</summary>
    private static readonly string[] Shared = ["from", "to", "department", "departments", "currency"];

    public static void Map(WebApplication app) =>
        app.MapGet("/api/dashboard", Handle)
            .WithName("Dashboard")
            .WithSummary("The HR dashboard's numbers (JSON, or one table as CSV)")
            .WithTags("Dashboard")
            .RequireRoles(Readers);

    internal static async Task<IResult> Handle(
        [MaxLength(Lengths.Month)] string? from, [MaxLength(Lengths.Month)] string? to, [MaxLength(Lengths.Department)] string? department, string? table, HttpContext http, ServiceSections services, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var csv = http.Request.GetTypedHeaders().Accept.Any(accept => accept.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase));
        var validation = new Validation().Check(!csv || table is not null && DashboardTables.Names.Contains(table), "table",
            $"With Accept: text/csv, name a table: {string.Join(", ", DashboardTables.Names)}.");
        if (DashboardFilter.Parse(from, to, department, clock.GetUtcNow(), validation) is not { } filter)
        {
            return validation.ToProblem();
        }

        (var window, department) = filter;
        var query = new Dictionary<string, Microsoft.Extensions.Primitives.StringValues> { ["from"] = window.From, ["to"] = window.To };
        if (department is not null)
        {
            query["department"] = department;
        }

        var sections = await Task.WhenAll(Sections.Select(section => services.FetchAsync(section.Service, "api/dashboard", http, query, cancellationToken)));
        if (ServiceSections.Refusal(sections, "the dashboard") is { } refused)
        {
            return refused;
        }

        var departments = sections
            .SelectMany(section => section.Body!.Value.GetProperty("departments").EnumerateArray().Select(name => name.GetString()!))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (department is not null && !departments.Contains(department, StringComparer.Ordinal))
        {
            return validation.Add("department", departments.Count == 0
                ? "No department has any data yet."
                : $"Unknown department. Known: {string.Join(", ", departments)}.").ToProblem();
        }

        var answer = new JsonObject
        {
            ["from"] = window.From,
            ["to"] = window.To,
            ["department"] = department,
            ["departments"] = new JsonArray([.. departments.Select(name => (JsonNode)name)]),
            ["currency"] = sections[0].Body!.Value.GetProperty("currency").GetString(),
        };
        foreach (var (section, index) in Sections.Select((section, index) => (section, index)))
        {
            var body = JsonObject.Create(sections[index].Body!.Value)!;
            foreach (var name in Shared)
            {
                body.Remove(name);
            }

            answer[section.Section] = body;
        }

        return csv
            ? TypedResults.Text(DashboardTables.Csv(answer, table!), "text/csv; charset=utf-8")
            : TypedResults.Text(answer.ToJsonString(), "application/json; charset=utf-8");
    }
}
