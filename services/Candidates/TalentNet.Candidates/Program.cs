using TalentNet.Candidates;
using TalentNet.Messaging;
using TalentNet.ServiceDefaults;
using TalentNet.Storage;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(CandidatesApi.ServiceName, typeof(CandidatesApi).Assembly);
builder.Services.AddServiceDatabase(builder.Configuration, CandidatesApi.ServiceName, typeof(CandidatesApi).Assembly);
builder.Services.AddMessaging(builder.Configuration, CandidatesApi.ServiceName, typeof(CandidatesApi).Assembly);
builder.AddCandidatesFeatures();

var app = builder.Build();
app.UseServiceDefaults();
app.MapCandidatesApi();
app.Run();

/// <summary>The entry point; test hosts start the service by it.</summary>
public partial class Program;
