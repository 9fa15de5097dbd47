using TalentNet.Alumni;
using TalentNet.Messaging;
using TalentNet.ServiceDefaults;
using TalentNet.Storage;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(AlumniApi.ServiceName, typeof(AlumniApi).Assembly);
builder.Services.AddServiceDatabase(builder.Configuration, AlumniApi.ServiceName, typeof(AlumniApi).Assembly);
builder.Services.AddMessaging(builder.Configuration, AlumniApi.ServiceName, typeof(AlumniApi).Assembly);
builder.AddAlumniFeatures();

var app = builder.Build();
app.UseServiceDefaults();
app.MapAlumniApi();
app.Run();

/// <summary>The entry point; test hosts start the service by it.</summary>
public partial class Program;
