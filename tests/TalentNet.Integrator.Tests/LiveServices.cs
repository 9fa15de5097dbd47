using System.Net;
using System.Net.Sockets;
using TalentNet.Alumni;
using TalentNet.Candidates;
using TalentNet.Recommendations;
using TalentNet.Testing;

namespace TalentNet.Integrator.Tests;

/// <summary>The four services on real sockets and one broker, each with a Prism validation proxy in front.</summary>
public sealed class LiveServices : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _owned = [];

    public LiveService Candidates { get; private set; } = null!;

    public LiveService Alumni { get; private set; } = null!;

    public LiveService Recommendations { get; private set; } = null!;

    public LiveService Integrations { get; private set; } = null!;

    public IEnumerable<LiveService> All => [Candidates, Alumni, Recommendations, Integrations];

    /// <summary>A copy of every event the services publish during the tests.</summary>
    public BusCapture Bus { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var broker = await RabbitMqBroker.GetAsync();
        var url = await broker.CreateVirtualHostAsync("interfaces");
        Bus = await BusCapture.StartAsync(url);
        _owned.Add(Bus);
        Candidates = await StartAsync(new ServiceHost<CandidatesProgram>(TestDatabase.NewPath("interface-candidates"), url), "candidates");
        Alumni = await StartAsync(new ServiceHost<AlumniProgram>(TestDatabase.NewPath("interface-alumni"), url), "alumni");
        Recommendations = await StartAsync(new ServiceHost<RecommendationsProgram>(TestDatabase.NewPath("interface-recommendations"), url), "recommendations");
        Integrations = await StartAsync(new ServiceHost<IntegrationsProgram>(TestDatabase.NewPath("interface-integrations"), url), "integrations");
    }

    public async Task DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }
    }

    private async Task<LiveService> StartAsync<TService>(ServiceHost<TService> host, string name)
        where TService : class
    {
        _owned.Add(host);
        var address = await host.ListenAsync("/health/ready");
        using var probe = new HttpClient { BaseAddress = address };

        var document = Path.Combine(Path.GetTempPath(), "talentnet-tests", $"{name}-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(document, await probe.GetStringAsync("/swagger/v1/swagger.json"));
        var prism = await PrismProxy.StartAsync(document, address);
        _owned.Add(prism);
        var asyncApi = Path.Combine(Path.GetTempPath(), "talentnet-tests", $"{name}-{Guid.NewGuid():N}.asyncapi.json");
        await File.WriteAllTextAsync(asyncApi, await probe.GetStringAsync("/asyncapi/v1/asyncapi.json"));
        return new LiveService(name, address, prism.Address, document, asyncApi);
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>One running service: its own address, its Prism proxy's, and the OpenAPI and AsyncAPI documents it served.</summary>
public sealed record LiveService(string Name, Uri Address, Uri Proxied, string DocumentPath, string AsyncApiPath);

[CollectionDefinition(Name)]
public sealed class LiveServicesCollection : ICollectionFixture<LiveServices>
{
    public const string Name = "live services";
}
