using TalentNet.Integrations;
using TalentNet.Integrations.Features.OutboundWebhooks;
using TalentNet.Messaging;
using TalentNet.ServiceDefaults;
using TalentNet.Storage;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(IntegrationsApi.ServiceName, typeof(IntegrationsApi).Assembly);
builder.Services.AddServiceDatabase(builder.Configuration, IntegrationsApi.ServiceName, typeof(IntegrationsApi).Assembly);
builder.Services.AddMessaging(builder.Configuration, IntegrationsApi.ServiceName, typeof(IntegrationsApi).Assembly, [.. FanOut.Consumers()]);
builder.AddIntegrationsFeatures();

var app = builder.Build();
app.UseServiceDefaults();
app.MapIntegrationsApi();
app.Run();

/// <summary>The entry point; test hosts start the service by it.</summary>
public partial class Program;
