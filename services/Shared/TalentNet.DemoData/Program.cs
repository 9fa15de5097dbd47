using TalentNet.DemoData;
using TalentNet.ServiceDefaults.Auth;

// Usage: TalentNet.DemoData [--gateway http://127.0.0.1:5100]
// Reads Auth__SigningKey from the environment and acts as an admin (the role that may record
// history with past dates). A database that holds the demo already gets nothing more.
var gateway = new Uri("http://127.0.0.1:5100/");
for (var i = 0; i < args.Length - 1; i++)
{
    if (args[i] == "--gateway")
    {
        gateway = new Uri(args[++i].TrimEnd('/') + "/");
    }
}

var key = Environment.GetEnvironmentVariable("Auth__SigningKey");
if (string.IsNullOrEmpty(key))
{
    Console.Error.WriteLine("Set Auth__SigningKey to the key the services use.");
    return 2;
}

var token = DevTokens.Mint(new AuthOptions { SigningKey = key }, Roles.Admin, "demo-data@talentnet.example", "demo-data", TimeSpan.FromHours(2));
using var api = new DemoApi(gateway, token);
await new DemoSeeder(api, new DemoPlan(DateTimeOffset.UtcNow), Console.Out).RunAsync();
return 0;
