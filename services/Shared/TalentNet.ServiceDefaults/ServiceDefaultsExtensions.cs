using System.Reflection;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.OpenApi;
using TalentNet.ServiceDefaults.Problems;

namespace TalentNet.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    /// <summary>Everything a TalentNet service shares, registered once.</summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string serviceName, Assembly api)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Configuration.AddEnvironmentVariables("TALENTNET_");
        if (builder.Configuration.GetValue<bool>("Logging:Json"))
        {
            builder.Logging.ClearProviders().AddJsonConsole(options => options.IncludeScopes = true);
        }
        else
        {
            builder.Logging.AddSimpleConsole(options =>
            {
                options.SingleLine = true;
                options.TimestampFormat = "HH:mm:ss.fff ";
            });
        }

        var limits = RequestLimits.Read(builder.Configuration);
        builder.Services.AddSingleton(limits);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = limits.MaxBodyBytes);

        builder.Services.AddCheckedOptions<SecurityOptions>(SecurityOptions.Section);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            // No global enum converter: it would outrank the vocabulary enums' own [JsonConverter].
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        builder.Services.AddTalentNetProblems();
        builder.Services.AddTalentNetAuth(builder.Configuration, builder.Environment);
        builder.Services.AddTalentNetRateLimiting(limits);
        builder.Services.AddTrustedProxies(limits);
        builder.Services.AddTalentNetSwagger(serviceName, api);
        builder.Services.AddTalentNetTelemetry(builder.Configuration, serviceName);
        builder.Services.AddHealthChecks();
        return builder;
    }

    /// <summary>The shared middleware, in the order that keeps every error a problem-details answer.</summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // With no proxy listed the middleware would believe every sender: it runs only when some are.
        if (app.Services.GetRequiredService<RequestLimitOptions>().TrustedProxies.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // The UI's middleware runs only under its own path; the document is an endpoint.
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/swagger", StringComparison.Ordinal),
            swagger => swagger.UseSwaggerUI(options => options.DocumentTitle = app.Environment.ApplicationName));
        app.UseAuthentication();
        // Before authorization: 401 and 403 answers use up the caller's permits like any other.
        app.UseRateLimiter();
        app.UseAuthorization();
        app.MapSwagger(setupAction: swagger =>
        {
            // 3.1: JSON Schema proper, so a nullable reference can say "this or null" exactly.
            swagger.OpenApiVersion = Microsoft.OpenApi.OpenApiSpecVersion.OpenApi3_1;
            swagger.PreSerializeFilters.Add((document, request) =>
                document.Servers = [new Microsoft.OpenApi.OpenApiServer { Url = $"{request.Scheme}://{request.Host}{request.PathBase}" }]);
        }).AsApiDocument(app);
        app.MapHealthEndpoints();
        foreach (var contributor in app.Services.GetServices<IEndpointContributor>())
        {
            contributor.Map(app);
        }

        return app;
    }
}
