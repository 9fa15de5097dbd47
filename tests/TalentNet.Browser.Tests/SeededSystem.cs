using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using TalentNet.DemoData;
using TalentNet.ServiceDefaults.Auth;

namespace TalentNet.Browser.Tests;

/// <summary>
/// The whole system as <c>./run.sh --demo</c> leaves it: the three services over a real broker,
/// the gateway, all on Kestrel, seeded by the demo seeder through the gateway; and Debian's Chromium.
/// </summary>
public sealed class SeededSystem : IAsyncLifetime
{
    /// <summary>The test classes that share one seeded system (seeding it takes a while).</summary>
    public const string Collection = "seeded system";

    private readonly List<IAsyncDisposable> _hosts = [];
    private IPlaywright _playwright = null!;

    public Uri Gateway { get; private set; } = null!;

    /// <summary>The SMTP server Recommendations mails managers, HR and alumni through.</summary>
    public TestMailServer Mail { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>How long the seeder's calls took.</summary>
    public TimeSpan SeedingTook { get; private set; }

    /// <summary>Until the dashboard counted every boomerang: the README promises a populated dashboard within about a minute.</summary>
    public TimeSpan PopulatedAfter { get; private set; }

    /// <summary>Whether a second run of the seeder added anything (it must not).</summary>
    public bool SecondRunAdded { get; private set; }

    public async Task InitializeAsync()
    {
        var broker = await RabbitMqBroker.GetAsync();
        var url = await broker.CreateVirtualHostAsync("browser");
        var candidates = await StartAsync(new ServiceHost<CandidatesProgram>(TestDatabase.NewPath("browser-candidates"), url));
        var alumni = await StartAsync(new ServiceHost<AlumniProgram>(TestDatabase.NewPath("browser-alumni"), url));
        Mail.Start();
        var recommendations = await StartAsync(new ServiceHost<RecommendationsProgram>(TestDatabase.NewPath("browser-recommendations"), url, new Dictionary<string, string?>
        {
            ["Notifications:Smtp:Host"] = "127.0.0.1",
            ["Notifications:Smtp:Port"] = Mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications:Smtp:UseTls"] = "false",
            ["Notifications:Smtp:From"] = "hr@acme.example",
            ["Notifications:PollInterval"] = "00:00:00.200",
        }));
        var gateway = new GatewayHost("Development", new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:candidates:Destinations:service:Address"] = candidates.ToString(),
            ["ReverseProxy:Clusters:alumni:Destinations:service:Address"] = alumni.ToString(),
            ["ReverseProxy:Clusters:recommendations:Destinations:service:Address"] = recommendations.ToString(),
            ["Limits:PermitsPerWindow"] = "100000",
        });
        _hosts.Add(gateway);
        Gateway = await gateway.ListenAsync();

        var started = DateTimeOffset.UtcNow;
        using (var api = new DemoApi(Gateway, TestAuth.Token(Roles.Admin)))
        {
            Assert.True(await new DemoSeeder(api, new DemoPlan(DateTimeOffset.UtcNow), TextWriter.Null).RunAsync(), "the demo seeded nothing");
            SeedingTook = DateTimeOffset.UtcNow - started;
            SecondRunAdded = await new DemoSeeder(api, new DemoPlan(DateTimeOffset.UtcNow), TextWriter.Null).RunAsync();
        }

        // The last events (returns, referral hires) travel to Alumni after the seeder's calls.
        using var hr = new HttpClient { BaseAddress = Gateway }.As(Roles.Hr);
        await Eventually.WaitForAsync(
            () => hr.GetFromJsonAsync<JsonElement>("/api/dashboard"),
            dashboard => dashboard.GetProperty("returns").GetProperty("boomerangShareOfHires").GetProperty("count").GetInt64() >= DemoPlan.Boomerangs,
            TimeSpan.FromSeconds(60));

        // Other events (requests, reminders, consents) may still be on their way: the page and the
        // API are compared later, so wait until two answers a second apart are the same.
        var previous = "";
        await Eventually.WaitForAsync(
            async () =>
            {
                var (before, now) = (previous, await hr.GetStringAsync("/api/dashboard"));
                previous = now;
                return before == now;
            },
            stable => stable, TimeSpan.FromSeconds(60), intervalMs: 1000);
        PopulatedAfter = DateTimeOffset.UtcNow - started;

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ["--no-sandbox"] });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        foreach (var host in Enumerable.Reverse(_hosts))
        {
            await host.DisposeAsync();
        }

        await Mail.DisposeAsync();
    }

    private Task<Uri> StartAsync<TProgram>(ServiceHost<TProgram> host)
        where TProgram : class
    {
        _hosts.Add(host);
        return host.ListenAsync("/health/ready");
    }
}

[CollectionDefinition(SeededSystem.Collection)]
public sealed class SeededSystemCollection : ICollectionFixture<SeededSystem>;
