using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace TalentNet.ServiceDefaults;

public static class Telemetry
{
    /// <summary>The activity source TalentNet's own spans (outbox relay, inbox) start from.</summary>
    public static readonly ActivitySource Source = new("TalentNet");

    internal static IServiceCollection AddTalentNetTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        var otel = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService($"talentnet-{serviceName}"))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = context =>
                    !context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal))
                .AddHttpClientInstrumentation()
                .AddSource("MassTransit")
                .AddSource(Source.Name))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("MassTransit"));

        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.UseOtlpExporter();
        }

        return services;
    }
}
