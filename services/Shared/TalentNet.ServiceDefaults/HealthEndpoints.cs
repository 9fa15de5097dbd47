using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using TalentNet.ServiceDefaults.Auth;

namespace TalentNet.ServiceDefaults;

internal static class HealthEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    /// <summary>
    /// <c>/health/live</c>: the process answers. <c>/health/ready</c>: every check tagged "ready"
    /// (database, broker, outbox backlog), listed by name with its status and data for an admin (or
    /// anyone in Development); others see the overall status.
    /// </summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = WriteReport,
        }).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResponseWriter = WriteReport,
        }).AllowAnonymous().ExcludeFromDescription().DisableRateLimiting();
        return endpoints;
    }

    /// <summary>Every check with its data in Development or for an admin; only the overall status for anyone else.</summary>
    private static Task WriteReport(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var detailed = context.RequestServices.GetRequiredService<IHostEnvironment>().IsDevelopment() || context.User.IsInRole(Roles.Admin);
        if (!detailed)
        {
            return context.Response.WriteAsync(JsonSerializer.Serialize(new { status = report.Status.ToString() }, Json));
        }

        var body = new
        {
            status = report.Status.ToString(),
            totalDurationMs = report.TotalDuration.TotalMilliseconds,
            checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new
                {
                    status = entry.Value.Status.ToString(),
                    description = entry.Value.Description,
                    data = entry.Value.Data.Count == 0 ? null : entry.Value.Data,
                }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }
}
