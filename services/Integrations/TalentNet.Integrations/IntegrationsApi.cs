using TalentNet.Audit;
using TalentNet.Audit.Retention;
using TalentNet.Integrations.Features.Privacy;
using TalentNet.Messaging;
using Microsoft.Extensions.Options;
using TalentNet.Integrations.Features.AtsWebhooks;
using TalentNet.Integrations.Features.OutboundWebhooks;
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
        builder.Services.AddSuppressionList(builder.Configuration);
        builder.Services.AddScoped<Deliveries>();
        builder.Services.AddSingleton<PendingDeliveries>();
        builder.Services.AddHttpClient(LeverApi.ClientName)
            .ConfigureHttpClient((services, http) => LeverApi.Configure(http, services.GetRequiredService<IOptions<IntegrationsOptions>>().Value.Lever));
        builder.Services.AddSingleton<WebhookSignal>();
        builder.Services.AddHttpClient(WebhookSender.ClientName)
            .ConfigurePrimaryHttpMessageHandler(services => TargetGuard.Handler(services.GetRequiredService<IOptions<IntegrationsOptions>>().Value.Webhooks.AllowPrivateTargets))
            .ConfigureHttpClient(http =>
            {
                http.Timeout = Timeout.InfiniteTimeSpan;
                http.DefaultRequestHeaders.UserAgent.ParseAdd("TalentNet-Webhooks/1.0");
            });
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddHostedService(services => services.GetRequiredService<WebhookSender>());
        builder.Services.AddSingleton<LeverSync>();
        builder.Services.AddHostedService(services => services.GetRequiredService<LeverSync>());
        builder.Services.AddAudit();
        builder.Services.AddSingleton<IRetentionRule, DeliveryRetention>();
        builder.Services.AddRetention(services => services.GetRequiredService<IOptions<IntegrationsOptions>>().Value.RetentionSweepInterval);
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

        var subscriptions = app.MapGroup("/api/webhook-subscriptions").WithDescribedTag("Webhook subscriptions", "TalentNet's events sent to your URL, signed as Standard Webhooks, with retries and a delivery log.");
        CreateSubscription.Map(subscriptions);
        ListSubscriptions.Map(subscriptions);
        GetSubscription.Map(subscriptions);
        UpdateSubscription.Map(subscriptions);
        DeleteSubscription.Map(subscriptions);
        RotateSecret.Map(subscriptions);
        ListSubscriptionDeliveries.Map(subscriptions);
        RetryOutboundDelivery.Map(subscriptions);

        app.MapAudit();
        var privacy = app.MapGroup("/api/privacy").WithDescribedTag("Privacy", "Subject access (what the ATS deliveries and the webhooks sent say about a person) and retention.").Audited();
        ExportPersonalData.Map(privacy);
        privacy.MapRetention();
        return app;
    }
}
