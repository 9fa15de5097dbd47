using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TalentNet.Contracts;
using TalentNet.Contracts.Alumni;
using TalentNet.Recommendations;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.Storage;
using TalentNet.Testing;

namespace TalentNet.Recommendations.Tests;

/// <summary>Recommendations on its own virtual host, on a fake clock, fed with events a test publishes.</summary>
public sealed class RecommendationsHost : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero));

    public ServiceHost<RecommendationsProgram> Host { get; private set; } = null!;

    public string Url { get; private set; } = null!;

    public HttpClient Hr { get; private set; } = null!;

    private readonly string _name;
    private readonly string _databasePath;
    private readonly IDictionary<string, string?> _settings;

    public RecommendationsHost()
        : this("recommendations", TestDatabase.NewPath("recommendations"), new Dictionary<string, string?>())
    {
    }

    /// <summary>A host of its own, with settings added (they may name <see cref="ServiceHost{T}.DatabasePath"/>).</summary>
    internal RecommendationsHost(string name, string databasePath, IDictionary<string, string?> settings)
    {
        _name = name;
        _databasePath = databasePath;
        _settings = settings;
    }

    public async Task InitializeAsync()
    {
        var broker = await RabbitMqBroker.GetAsync();
        Url = await broker.CreateVirtualHostAsync(_name);
        // The tests read what the service sent from its outbox, so processed rows must outlive the
        // fake clock's jumps of weeks (the default retention is a day).
        Host = new ServiceHost<RecommendationsProgram>(_databasePath, Url,
            new Dictionary<string, string?>(_settings) { ["Messaging:Outbox:Retention"] = "3650.00:00:00" },
            services => services.AddSingleton<TimeProvider>(Clock));
        Hr = Host.CreateClient().As(Roles.Hr);
        var ready = await Eventually.WaitForAsync(() => Hr.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    public HttpClient Manager(string email) => Host.CreateClient().As(Roles.Manager, email);

    public HttpClient As(string role) => Host.CreateClient().As(role);

    public Database Database => Host.Services.GetRequiredService<Database>();

    public Task PublishAsync(params IIntegrationEvent[] events) => EventPublisher.PublishAsync(Url, events);

    public static EmployeeDeparted Departed(
        string manager = "ola.hansen@acme.example", RehireEligibility eligibility = RehireEligibility.Eligible, bool consent = true, Guid? alumnus = null, Guid? departure = null,
        string department = "Engineering", string role = "Backend Developer", string[]? skills = null, ReturnIntent? wouldReturn = ReturnIntent.Yes,
        DateOnly? lastDay = null, string name = "Kari Nordmann") =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, alumnus ?? Guid.NewGuid(), departure ?? Guid.NewGuid(), $"E-{Guid.NewGuid():N}"[..10], name,
            $"{Guid.NewGuid():N}@example.org", $"{Guid.NewGuid():N}@acme.example", department, role, "Ola Hansen", manager, DepartureReason.Relocation, eligibility,
            new AlumnusConsents(true, consent, consent, true), lastDay ?? new DateOnly(2026, 10, 31), wouldReturn, skills ?? ["csharp", "sql"]);

    /// <summary>The requests of one alumnus, once the departure has been consumed.</summary>
    public async Task<List<JsonElement>> RequestsForAsync(Guid alumnusId, int expected)
    {
        var found = await Eventually.WaitForAsync(
            async () => (await Hr.GetFromJsonAsync<JsonElement>("/api/recommendation-requests?pageSize=100")).GetProperty("items").EnumerateArray()
                .Where(item => item.GetProperty("alumnusId").GetGuid() == alumnusId).ToList(),
            items => items.Count >= expected, TimeSpan.FromSeconds(20));
        return found;
    }

    /// <summary>Waits until the service has consumed every message published so far (the inbox holds their ids).</summary>
    public async Task WaitForInboxAsync(IEnumerable<IIntegrationEvent> events)
    {
        var ids = events.Select(e => e.EventId).ToHashSet();
        await Eventually.WaitForAsync(async () =>
        {
            await using var connection = await Database.OpenAsync();
            var seen = await connection.QueryAsync<Guid>("SELECT message_id FROM inbox_messages");
            return ids.IsSubsetOf(seen);
        }, done => done, TimeSpan.FromSeconds(20));
    }

    /// <summary>The wire types of the events waiting or sent from the outbox, optionally only those naming an id.</summary>
    public async Task<List<string>> OutboxTypesAsync(Guid? mentioning = null)
    {
        await using var connection = await Database.OpenAsync();
        return (await connection.QueryAsync<string>(
            "SELECT message_type FROM outbox_messages WHERE @Id IS NULL OR payload LIKE '%' || @Id || '%' ORDER BY sequence",
            new { Id = mentioning?.ToString() })).ToList();
    }
}
