using TalentNet.Gateway;
using TalentNet.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(GatewayApi.ServiceName, typeof(GatewayApi).Assembly);
builder.AddGateway();

var app = builder.Build();
app.UseServiceDefaults();
app.MapGateway();
app.Run();

/// <summary>The entry point; test hosts start the gateway by it.</summary>
public partial class Program;
