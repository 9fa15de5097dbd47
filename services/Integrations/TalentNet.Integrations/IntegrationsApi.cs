using Microsoft.Extensions.Options;
using TalentNet.Integrations.Features.AtsWebhooks;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.OpenApi;

namespace TalentNet.Integrations;

/// <summary>The Integrations service's endpoints and who may use them.</summary>
public static class IntegrationsApi
{
    public const string ServiceName = "integrations";

    /// <summary>Who reads and replays what the ATSs sent.</summary>
    public static readonly string[] Operators = [Roles.Integration, Roles.Admin];

    public static WebApplicationBuilder AddIntegrationsFeatures(this WebApplicationBuilder builder)
    {
        builder.Services.AddCheckedOptions<IntegrationsOptions>(IntegrationsOptions.Section);
        builder.Services.AddScoped<Deliveries>();
        builder.Services.AddSingleton<PendingDeliveries>();
        builder.Services.AddHttpClient(LeverApi.ClientName)
            .ConfigureHttpClient((services, http) => LeverApi.Configure(http, services.GetRequiredService<IOptions<IntegrationsOptions>>().Value.Lever));
        builder.Services.AddSingleton<LeverSync>();
        builder.Services.AddHostedService(services => services.GetRequiredService<LeverSync>());
        builder.Services.AddSingleton<DeliveryRetention>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DeliveryRetention>());
        return builder;
    }

    public static WebApplication MapIntegrationsApi(this WebApplication app)
    {
        var webhooks = app.MapGroup("/webhooks").WithDescribedTag("ATS webhooks", "Deliveries from Greenhouse, Lever and Ashby, verified by their signatures; no TalentNet credential.");
        ReceiveGreenhouse.Map(webhooks);
        ReceiveAshby.Map(webhooks);
        ReceiveLever.Map(webhooks);

        var deliveries = app.MapGroup("/api/webhook-deliveries").WithDescribedTag("Webhook deliveries", "What the ATSs sent, what became of it, and replays.");
        ListDeliveries.Map(deliveries);
        GetDelivery.Map(deliveries);
        ReplayDelivery.Map(deliveries);
        return app;
    }
}
