using TalentNet.ServiceDefaults.Auth;

// Usage: TalentNet.DevTokens [--manager-email EMAIL] [--hours N]
// Reads Auth__SigningKey (and optionally Auth__Issuer, Auth__Audience) from the environment,
// prints "<role>: <jwt>" for every role. The manager's token carries an email claim, which
// object-level checks (a manager's own recommendation requests) match on.
var managerEmail = "ola.hansen@acme.example";
var hours = 12;
for (var i = 0; i < args.Length - 1; i++)
{
    switch (args[i])
    {
        case "--manager-email":
            managerEmail = args[++i];
            break;
        case "--hours":
            hours = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
            break;
    }
}

var options = new AuthOptions
{
    SigningKey = Environment.GetEnvironmentVariable("Auth__SigningKey"),
    Issuer = Environment.GetEnvironmentVariable("Auth__Issuer") ?? new AuthOptions().Issuer,
    Audience = Environment.GetEnvironmentVariable("Auth__Audience") ?? new AuthOptions().Audience,
};
if (string.IsNullOrEmpty(options.SigningKey))
{
    Console.Error.WriteLine("Set Auth__SigningKey to the key the services use.");
    return 2;
}

foreach (var role in Roles.All)
{
    var email = role == Roles.Manager ? managerEmail : $"dev-{role}@talentnet.example";
    Console.WriteLine($"{role}: {DevTokens.Mint(options, role, email, lifetime: TimeSpan.FromHours(hours))}");
}

return 0;
