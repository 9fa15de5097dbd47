using System.Net;
using System.Net.Http.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TalentNet.Integrations.Features.AtsWebhooks;
using TalentNet.ServiceDefaults.Auth;

namespace TalentNet.Integrations.Tests;

/// <summary>What happens to a delivery after its signature checked out: once only, recorded, completed from Lever's API, deleted in time.</summary>
public sealed class DeliveryTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly LeverApiDouble _lever = new();
    private ServiceHost<IntegrationsProgram> _host = null!;
    private HttpClient _vendor = null!;

    public Task InitializeAsync()
    {
        var settings = IntegrationsApp.Secrets();
        settings["Integrations:Lever:ApiKey"] = "lever-api-key-for-tests-0123456789";
        settings["Integrations:Lever:RetryDelay"] = "00:00:10";
        _host = new ServiceHost<IntegrationsProgram>(TestDatabase.NewPath("integrations-deliveries"), rabbitMqUrl: null, settings, services =>
        {
            services.AddSingleton<TimeProvider>(_clock);
            services.AddHttpClient(LeverApi.ClientName).ConfigurePrimaryHttpMessageHandler(() => _lever);
        });
        _vendor = _host.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_same_delivery_twice_has_one_effect_by_event_id_or_by_body()
    {
        var body = Webhook.Fixture("greenhouse", "new_candidate_application");
        var first = await Answer.OkAsync(await _vendor.SendAsync(Webhook.Greenhouse(body, eventId: "gh-event-1")));
        Assert.Equal("applied", first.Str("status"));
        var again = await Answer.OkAsync(await _vendor.SendAsync(Webhook.Greenhouse(body, eventId: "gh-event-1")));
        Assert.Equal(("duplicate", first.Id("deliveryId")), (again.Str("status"), again.Id("deliveryId")));

        var ashby = Webhook.Fixture("ashby", "applicationSubmit");
        var once = await Answer.OkAsync(await _vendor.SendAsync(Webhook.Ashby(ashby)));
        Assert.Equal("duplicate", (await Answer.OkAsync(await _vendor.SendAsync(Webhook.Ashby(ashby)))).Str("status"));

        var noId = Webhook.Fixture("greenhouse", "candidate_stage_change");
        await Answer.OkAsync(await _vendor.SendAsync(Webhook.Greenhouse(noId)));
        Assert.Equal("duplicate", (await Answer.OkAsync(await _vendor.SendAsync(Webhook.Greenhouse(noId)))).Str("status"));

        Assert.Equal(3, await ScalarAsync("SELECT COUNT(*) FROM outbox_messages"));
        Assert.Equal(3, await ScalarAsync("SELECT COUNT(*) FROM webhook_deliveries"));
        Assert.NotEqual(Guid.Empty, once.Id("deliveryId"));
    }

    [Fact]
    public async Task A_delivery_naming_a_person_erased_at_their_request_is_suppressed_keeps_no_body_and_sends_nothing()
    {
        var body = Webhook.Fixture("greenhouse", "new_candidate_application");
        var erased = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("payload").GetProperty("application").GetProperty("candidate")
            .GetProperty("email_addresses")[0].GetProperty("value").GetString()!;
        var database = _host.Services.GetRequiredService<TalentNet.Storage.Database>();
        await using (var session = await database.BeginAsync())
        {
            await _host.Services.GetRequiredService<TalentNet.Messaging.SuppressionList>().AddAsync(session, [erased.ToUpperInvariant()], _clock.GetUtcNow());
            await session.CommitAsync();
        }

        var answer = await _vendor.SendAsync(Webhook.Greenhouse(body, eventId: "gh-suppressed"));
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        var receipt = System.Text.Json.JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("suppressed", receipt.Str("status"));
        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM outbox_messages"));
        Assert.Equal("{}", await ScalarTextAsync($"SELECT body FROM webhook_deliveries WHERE id = '{receipt.Id("deliveryId")}'"));
        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM suppressed_people WHERE hash LIKE '%@%'"));
    }

    [Fact]
    public async Task An_action_we_do_not_handle_is_202_and_recorded_and_a_ping_is_200()
    {
        var ignored = await _vendor.SendAsync(Webhook.Greenhouse(Webhook.Fixture("greenhouse", "reject_candidate")));
        Assert.Equal(HttpStatusCode.Accepted, ignored.StatusCode);
        var receipt = await ignored.Content.ReadFromJsonAsync<DeliveryReceipt>();
        var stored = await Answer.OkAsync(await _host.CreateClient().As(Roles.Integration).GetAsync($"/api/webhook-deliveries/{receipt!.DeliveryId}"));
        Assert.Equal(("ignored", "reject_candidate"), (stored.Str("status"), stored.Str("action")));
        Assert.Equal("acknowledged", (await Answer.OkAsync(await _vendor.SendAsync(Webhook.Greenhouse(Webhook.Fixture("greenhouse", "ping"))))).Str("status"));
        await Answer.ProblemAsync(await _host.CreateClient().As(Roles.Recruiter).GetAsync("/api/webhook-deliveries"), HttpStatusCode.Forbidden);
        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM outbox_messages"));
    }

    [Fact]
    public async Task Lever_deliveries_wait_for_levers_api_and_survive_its_outage()
    {
        _lever.Down = true;
        var body = LeverDelivery.Body(Guid.NewGuid().ToString(), "applicationCreated", triggeredAt: 1_759_300_000_000);
        var pending = await _vendor.SendAsync(LeverDelivery.Post(body, IntegrationsApp.LeverToken));
        Assert.Equal(HttpStatusCode.Accepted, pending.StatusCode);
        var id = (await pending.Content.ReadFromJsonAsync<DeliveryReceipt>())!.DeliveryId;

        // The service's own worker takes it up at once, finds Lever down, and waits before trying again.
        await Eventually.WaitForAsync(() => ScalarAsync("SELECT attempts FROM webhook_deliveries"), attempts => attempts >= 1, TimeSpan.FromSeconds(10));
        Assert.Equal("pending", await StatusAsync(id));
        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM outbox_messages"));

        _lever.Down = false;
        _clock.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal("applied", await Eventually.WaitForAsync(() => StatusAsync(id), status => status == "applied", TimeSpan.FromSeconds(10)));
        var payload = await ScalarTextAsync("SELECT payload FROM outbox_messages");
        Assert.Contains("Infrastructure Engineer", payload, StringComparison.Ordinal);
        Assert.Contains("shane@exampleq3.com", payload, StringComparison.Ordinal);
        var call = _lever.Requests.Last();
        Assert.Equal("Basic", call.Headers.Authorization!.Scheme);
    }

    [Fact]
    public async Task Deliveries_are_deleted_after_the_retention_and_a_kept_one_can_be_replayed()
    {
        var old = await Answer.OkAsync(await _vendor.SendAsync(Webhook.Greenhouse(Webhook.Fixture("greenhouse", "hire_candidate"))));
        _clock.Advance(TimeSpan.FromDays(20));
        var recent = await Answer.OkAsync(await _vendor.SendAsync(Webhook.Greenhouse(Webhook.Fixture("greenhouse", "candidate_stage_change"))));
        var replayed = await Answer.OkAsync(await _host.CreateClient().As(Roles.Admin).PostAsync($"/api/webhook-deliveries/{recent.Id("deliveryId")}/replay", null));
        Assert.Equal("applied", replayed.Str("status"));
        Assert.Equal(3, await ScalarAsync("SELECT COUNT(*) FROM outbox_messages"));

        _clock.Advance(TimeSpan.FromDays(11));
        await _host.Services.GetRequiredService<TalentNet.Audit.Retention.RetentionSweep>().RunAsync(CancellationToken.None);
        await Answer.ProblemAsync(await _host.CreateClient().As(Roles.Admin).GetAsync($"/api/webhook-deliveries/{old.Id("deliveryId")}"), HttpStatusCode.NotFound);
        await Answer.OkAsync(await _host.CreateClient().As(Roles.Admin).GetAsync($"/api/webhook-deliveries/{recent.Id("deliveryId")}"));
        var rules = await Answer.OkAsync(await _host.CreateClient().As(Roles.Hr).GetAsync("/api/privacy/retention"));
        var rule = rules.EnumerateArray().Single(item => item.Str("name") == DeliveryRetention.RuleName);
        Assert.Equal(("30.00:00:00", _clock.GetUtcNow()), (rule.Str("keptFor"), rule.GetProperty("lastRunAt").GetDateTimeOffset()));
    }

    private async Task<string> StatusAsync(Guid id) =>
        (await Answer.OkAsync(await _host.CreateClient().As(Roles.Admin).GetAsync($"/api/webhook-deliveries/{id}"))).Str("status");

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_host.DatabasePath}");
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    private async Task<string> ScalarTextAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_host.DatabasePath}");
        return (await connection.ExecuteScalarAsync<string>(sql))!;
    }
}
