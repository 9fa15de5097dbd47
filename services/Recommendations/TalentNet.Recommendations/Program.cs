using TalentNet.Messaging;
using TalentNet.Recommendations;
using TalentNet.ServiceDefaults;
using TalentNet.Storage;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(RecommendationsApi.ServiceName, typeof(RecommendationsApi).Assembly);
builder.Services.AddServiceDatabase(builder.Configuration, RecommendationsApi.ServiceName, typeof(RecommendationsApi).Assembly);
builder.Services.AddMessaging(builder.Configuration, RecommendationsApi.ServiceName, typeof(RecommendationsApi).Assembly);
builder.AddRecommendationsFeatures();

var app = builder.Build();
app.UseServiceDefaults();
app.MapRecommendationsApi();
app.Run();

/// <summary>The entry point; test hosts start the service by it.</summary>
public partial class Program;
