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
        // Without an exporter nothing would read spans or metrics: spans are then created for
        // context propagation only (trace ids still reach logs, problem details and outgoing
        // events) and nothing is recorded, and no metrics are aggregated.
        var exported = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var otel = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService($"talentnet-{serviceName}"))
            .WithTracing(tracing =>
            {
                tracing
                    .AddAspNetCoreInstrumentation(options => options.Filter = context =>
                        !context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal))
                    .AddHttpClientInstrumentation()
                    .AddSource("MassTransit")
                    .AddSource(Source.Name);
                if (!exported)
                {
                    tracing.SetSampler(new ParentBasedSampler(new AlwaysOffSampler()));
                }
            });

        if (exported)
        {
            otel.WithMetrics(metrics => metrics
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter("MassTransit"))
                .UseOtlpExporter();
        }

        return services;
    }
}
