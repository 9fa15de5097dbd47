using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using StandardWebhooks;
using TalentNet.Contracts;
using TalentNet.Contracts.Candidates;
using TalentNet.ServiceDefaults.Auth;

namespace TalentNet.Integrations.Tests;

/// <summary>TalentNet's events to subscribers over a real broker and real sockets, verified with the StandardWebhooks library.</summary>
public sealed class OutboundWebhookTests : IAsyncLifetime
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(20);
    private string _url = null!;
    private ServiceHost<IntegrationsProgram> _host = null!;
    private WebhookReceiver _receiver = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        var broker = await RabbitMqBroker.GetAsync();
        _url = await broker.CreateVirtualHostAsync("outbound-webhooks");
        var settings = IntegrationsApp.Secrets();
        settings["Integrations:Webhooks:AllowPrivateTargets"] = "true";
        settings["Integrations:Webhooks:RetryDelays:0"] = "00:00:00.200";
        settings["Integrations:Webhooks:RetryDelays:1"] = "00:00:00.200";
        settings["Integrations:Webhooks:DisableAfterFailedDeliveries"] = "2";
        settings["Integrations:Webhooks:Timeout"] = "00:00:01.500";
        _host = new ServiceHost<IntegrationsProgram>(TestDatabase.NewPath("outbound"), _url, settings);
        _admin = _host.CreateClient().As(Roles.Admin);
        var ready = await Eventually.WaitForAsync(() => _admin.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        _receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task A_subscriber_gets_the_events_it_asked_for_signed_so_that_the_standard_library_verifies_them()
    {
        var (hired, hiredSecret) = await SubscribeAsync(_receiver.Url("registered"), "candidates.candidate-registered");
        var (_, allSecret) = await SubscribeAsync(_receiver.Url("everything"), "*");
        var registered = new CandidateRegistered(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), "Kari Nordmann", "kari@example.org", null);
        await EventPublisher.PublishAsync(_url, [registered, new JobClosed(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid())]);

        var delivery = Assert.Single(await Eventually.WaitForAsync(() => Task.FromResult(_receiver.At("registered")), got => got.Count >= 1, Soon));
        new StandardWebhook(hiredSecret).Verify(delivery.Body, delivery.HeaderDictionary());
        Assert.Equal(Independent(hiredSecret, delivery), delivery.Headers["webhook-signature"]);
        var body = JsonDocument.Parse(delivery.Body).RootElement;
        Assert.Equal("candidates.candidate-registered", body.Str("type"));
        Assert.Equal(registered.CandidateId, body.GetProperty("data").Id("candidateId"));
        Assert.True(body.TryGetProperty("timestamp", out _));
        Assert.Throws<StandardWebhooks.Diagnostics.WebhookVerificationException>(() => new StandardWebhook(allSecret).Verify(delivery.Body, delivery.HeaderDictionary()));

        var everything = await Eventually.WaitForAsync(() => Task.FromResult(_receiver.At("everything")), got => got.Count >= 2, Soon);
        Assert.Equal(2, everything.Count);
        Assert.Equal(["candidates.candidate-registered", "candidates.job-closed"], everything.Select(got => JsonDocument.Parse(got.Body).RootElement.Str("type")).Order());
        // The receiver has the request before the sender has recorded its answer.
        var log = await Eventually.WaitForAsync(
            async () => await Answer.OkAsync(await _admin.GetAsync($"/api/webhook-subscriptions/{hired}/deliveries")),
            deliveries => deliveries.GetProperty("items")[0].Str("status") != "pending",
            Soon);
        Assert.Equal("delivered", log.GetProperty("items")[0].Str("status"));
    }

    [Fact]
    public async Task A_failing_receiver_gets_retries_with_the_same_webhook_id_then_the_delivery_succeeds()
    {
        var (id, secret) = await SubscribeAsync(_receiver.Url("flaky", attempt => (attempt <= 2 ? 503 : 200, TimeSpan.Zero)), "candidates.job-closed");
        await EventPublisher.PublishAsync(_url, [new JobClosed(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid())]);

        var attempts = await Eventually.WaitForAsync(() => Task.FromResult(_receiver.At("flaky")), got => got.Count >= 3, Soon);
        Assert.Equal(3, attempts.Count);
        Assert.Single(attempts.Select(got => got.Headers["webhook-id"]).Distinct());
        Assert.All(attempts, got => new StandardWebhook(secret).Verify(got.Body, got.HeaderDictionary()));
        var log = await Eventually.WaitForAsync(
            async () => await Answer.OkAsync(await _admin.GetAsync($"/api/webhook-subscriptions/{id}/deliveries")),
            page => page.GetProperty("items")[0].Str("status") == "delivered", Soon);
        Assert.Equal((3, 200), (log.GetProperty("items")[0].GetProperty("attempts").GetInt32(), log.GetProperty("items")[0].GetProperty("lastStatusCode").GetInt32()));
    }

    [Fact]
    public async Task Gone_or_too_many_failed_deliveries_disable_a_subscription_and_enabling_it_sends_what_waited()
    {
        var (gone, _) = await SubscribeAsync(_receiver.Url("gone", _ => (410, TimeSpan.Zero)), "candidates.job-closed");
        var (dead, _) = await SubscribeAsync(_receiver.Url("dead", _ => (500, TimeSpan.Zero)), "candidates.job-closed");
        await EventPublisher.PublishAsync(_url, [new JobClosed(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid()), new JobClosed(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid())]);

        var disabled = await Eventually.WaitForAsync(
            async () => await Answer.OkAsync(await _admin.GetAsync($"/api/webhook-subscriptions/{gone}")), s => !s.GetProperty("enabled").GetBoolean(), Soon);
        Assert.Contains("410", disabled.Str("disabledReason") ?? "still enabled", StringComparison.Ordinal);
        var exhausted = await Eventually.WaitForAsync(
            async () => await Answer.OkAsync(await _admin.GetAsync($"/api/webhook-subscriptions/{dead}")), s => !s.GetProperty("enabled").GetBoolean(), Soon);
        Assert.Contains("2 deliveries", exhausted.Str("disabledReason") ?? "still enabled", StringComparison.Ordinal);
        Assert.Equal(6, _receiver.At("dead").Count);

        // While disabled nothing is sent; once enabled, what waited and a new event go out, and a failed one can be sent again by hand.
        // The first two events may have been sent together (two 410s) or the second may have waited behind the first 410: both are right.
        var whileDisabled = new JobClosed(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid());
        await EventPublisher.PublishAsync(_url, [whileDisabled]);
        await Eventually.WaitForAsync(
            () => DeliveriesAsync(gone, "pending"), page => page.EnumerateArray().Any(d => d.GetProperty("eventId").GetGuid() == whileDisabled.EventId), Soon);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(0, Assert.Single((await DeliveriesAsync(gone, "pending")).EnumerateArray(), d => d.GetProperty("eventId").GetGuid() == whileDisabled.EventId)
            .GetProperty("attempts").GetInt32());
        var gone410 = (await DeliveriesAsync(gone, "failed")).GetArrayLength();
        Assert.Equal(gone410, _receiver.At("gone").Count);
        Assert.Equal(3, gone410 + (await DeliveriesAsync(gone, "pending")).GetArrayLength());

        _receiver.Url("gone", _ => (200, TimeSpan.Zero));
        var current = await Answer.OkAsync(await _admin.GetAsync($"/api/webhook-subscriptions/{gone}"));
        var enable = new HttpRequestMessage(HttpMethod.Put, $"/api/webhook-subscriptions/{gone}")
        {
            Content = JsonContent.Create(new { url = current.Str("url"), eventTypes = new[] { "candidates.job-closed" }, enabled = true }),
        };
        enable.Headers.TryAddWithoutValidation("If-Match", $"\"{current.GetProperty("version").GetInt32()}\"");
        Assert.True((await Answer.OkAsync(await _admin.SendAsync(enable))).GetProperty("enabled").GetBoolean());
        var waited = await Eventually.WaitForAsync(() => Task.FromResult(_receiver.At("gone")), got => got.Count >= 3, Soon);
        Assert.Equal(3, waited.Count);

        var failed = (await DeliveriesAsync(gone, "failed"))[0];
        await Answer.OkAsync(await _admin.PostAsync($"/api/webhook-subscriptions/{gone}/deliveries/{failed.Id()}/retry", null));
        var resent = await Eventually.WaitForAsync(() => Task.FromResult(_receiver.At("gone")), got => got.Count >= 4, Soon);
        Assert.Equal(4, resent.Count);
        Assert.Equal(failed.Id().ToString(), resent[^1].Headers["webhook-id"]);
    }

    [Fact]
    public async Task A_slow_receiver_delays_only_its_own_deliveries()
    {
        await SubscribeAsync(_receiver.Url("slow", _ => (200, TimeSpan.FromSeconds(5))), "candidates.job-closed");
        await SubscribeAsync(_receiver.Url("fast"), "candidates.job-closed");
        var started = DateTimeOffset.UtcNow;
        await EventPublisher.PublishAsync(_url, Enumerable.Range(0, 20).Select(_ => (IIntegrationEvent)new JobClosed(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid())));

        var fast = await Eventually.WaitForAsync(() => Task.FromResult(_receiver.At("fast")), got => got.Count >= 20, Soon);
        Assert.Equal(20, fast.Count);
        Assert.True(fast.Max(got => got.At) - started < TimeSpan.FromSeconds(5), $"the fast receiver had all 20 after {fast.Max(got => got.At) - started}");
        Assert.True(_receiver.At("slow").Count <= 8, "the slow receiver holds at most its own slots, retried after time-outs");
    }

    [Fact]
    public async Task A_rotated_secret_signs_beside_the_old_one_and_a_bad_subscription_is_refused()
    {
        var (id, old) = await SubscribeAsync(_receiver.Url("rotating"), "candidates.job-closed");
        var rotated = await Answer.OkAsync(await _admin.PostAsync($"/api/webhook-subscriptions/{id}/rotate-secret", null));
        var secret = rotated.Str("secret");
        Assert.NotEqual(old, secret);
        await EventPublisher.PublishAsync(_url, [new JobClosed(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid())]);
        var delivery = Assert.Single(await Eventually.WaitForAsync(() => Task.FromResult(_receiver.At("rotating")), got => got.Count >= 1, Soon));
        new StandardWebhook(secret).Verify(delivery.Body, delivery.HeaderDictionary());

        // The specification allows several signatures; StandardWebhooks 1.1.2 checks only the first (the new secret's),
        // so the old secret's is checked here by the specification's own rule.
        var signatures = delivery.Headers["webhook-signature"].Split(' ');
        Assert.Equal([Independent(secret, delivery), Independent(old, delivery)], signatures);

        var unknownType = await _admin.PostAsJsonAsync("/api/webhook-subscriptions", new { url = "https://hooks.example.com/x", eventTypes = new[] { "candidates.nothing" } });
        Assert.True((await Answer.ProblemAsync(unknownType, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("eventTypes", out _));
        await Answer.ProblemAsync(await _host.CreateClient().As(Roles.Recruiter).GetAsync("/api/webhook-subscriptions"), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/webhook-subscriptions/{id}")).StatusCode);
        await Answer.ProblemAsync(await _admin.GetAsync($"/api/webhook-subscriptions/{id}"), HttpStatusCode.NotFound);
    }

    private async Task<JsonElement> DeliveriesAsync(Guid subscription, string status) =>
        (await Answer.OkAsync(await _admin.GetAsync($"/api/webhook-subscriptions/{subscription}/deliveries?status={status}"))).GetProperty("items");

    private async Task<(Guid Id, string Secret)> SubscribeAsync(string url, params string[] eventTypes)
    {
        var created = await Answer.CreatedAsync(await _admin.PostAsJsonAsync("/api/webhook-subscriptions", new { url, eventTypes, description = "test" }));
        var secret = created.Str("secret");
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", (await _admin.GetStringAsync($"/api/webhook-subscriptions/{created.GetProperty("subscription").Id()}")), StringComparison.OrdinalIgnoreCase);
        return (created.GetProperty("subscription").Id(), secret);
    }

    /// <summary>The signature as the Standard Webhooks specification defines it, computed here without the library.</summary>
    private static string Independent(string secret, Received delivery)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var signed = $"{delivery.Headers["webhook-id"]}.{delivery.Headers["webhook-timestamp"]}.{delivery.Body}";
        return $"v1,{Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(signed)))}";
    }
}
