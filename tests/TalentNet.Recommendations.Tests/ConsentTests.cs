using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TalentNet.Contracts;
using TalentNet.Contracts.Alumni;
using TalentNet.Recommendations.Features.Requests;
using TalentNet.Testing;

namespace TalentNet.Recommendations.Tests;

/// <summary>Consent honoured: a withdrawal cancels what is open, acting re-checks it, and a late older event never brings it back.</summary>
public sealed class ConsentTests(RecommendationsHost host) : IClassFixture<RecommendationsHost>
{
    private static readonly object Give = new { text = "Kari is the colleague everyone asks first.", wouldRehire = true };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Withdrawing_the_request_consent_or_opting_out_cancels_the_open_request_and_its_reminders(bool optOut)
    {
        var departed = RecommendationsHost.Departed(manager: $"m.{Guid.NewGuid():N}@acme.example");
        await host.PublishAsync(departed);
        var id = (await host.RequestsForAsync(departed.AlumnusId, 1))[0].Id();
        var withdrawn = new AlumnusConsentChanged(
            Guid.NewGuid(), departed.OccurredAt.AddMinutes(5), departed.AlumnusId,
            optOut ? AlumnusConsents.None : new AlumnusConsents(true, true, false, true), optOut ? AlumnusStatus.OptedOut : AlumnusStatus.Alumnus);
        await host.PublishAsync(withdrawn);
        await host.WaitForInboxAsync([withdrawn]);

        var request = await Read(await host.Hr.GetAsync($"/api/recommendation-requests/{id}"), HttpStatusCode.OK);
        Assert.Equal("cancelled", request.Str("status"));
        var before = (await host.OutboxTypesAsync(id)).Count;
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 31, 0, 0, 0, TimeSpan.Zero));
        await host.Host.Services.GetRequiredService<ReminderSchedule>().RunDueAsync(CancellationToken.None);
        Assert.Equal(before, (await host.OutboxTypesAsync(id)).Count);
        await Read(await host.Manager(departed.ManagerEmail).PostAsJsonAsync($"/api/recommendation-requests/{id}/give", Give), HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task A_given_recommendation_is_not_published_after_the_consent_is_withdrawn_and_a_late_older_event_does_not_restore_it()
    {
        var departed = RecommendationsHost.Departed(manager: $"m.{Guid.NewGuid():N}@acme.example");
        await host.PublishAsync(departed);
        var id = (await host.RequestsForAsync(departed.AlumnusId, 1))[0].Id();
        var manager = host.Manager(departed.ManagerEmail);
        await Read(await manager.PostAsJsonAsync($"/api/recommendation-requests/{id}/give", Give), HttpStatusCode.OK);

        var withdrawn = new AlumnusConsentChanged(Guid.NewGuid(), departed.OccurredAt.AddMinutes(10), departed.AlumnusId, new AlumnusConsents(true, true, false, true), AlumnusStatus.Alumnus);
        var olderGrant = new AlumnusConsentChanged(Guid.NewGuid(), departed.OccurredAt.AddMinutes(5), departed.AlumnusId, new AlumnusConsents(true, true, true, true), AlumnusStatus.Alumnus);
        var departureAgain = departed with { EventId = Guid.NewGuid() };
        await host.PublishAsync(withdrawn);
        await host.WaitForInboxAsync([withdrawn]);
        await host.PublishAsync(olderGrant, departureAgain);
        await host.WaitForInboxAsync([olderGrant, departureAgain]);

        var refused = await Read(await manager.PostAsJsonAsync($"/api/recommendation-requests/{id}/publish", new { url = "https://www.linkedin.com/in/kari/details/recommendations" }), HttpStatusCode.Conflict);
        Assert.Contains("withdrawn their consent", refused.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, (await Read(await host.Hr.GetAsync($"/api/recommendation-requests/{id}"), HttpStatusCode.OK)).GetProperty("publishedUrl").ValueKind);
        await Read(await host.Hr.PostAsJsonAsync("/api/recommendation-requests", new { alumnusId = departed.AlumnusId }), HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task A_consent_change_that_overtakes_its_departure_wins_if_it_is_newer_and_no_request_is_opened()
    {
        var optedOut = RecommendationsHost.Departed(manager: $"m.{Guid.NewGuid():N}@acme.example");
        var stale = RecommendationsHost.Departed(manager: $"m.{Guid.NewGuid():N}@acme.example");
        var ahead = new AlumnusConsentChanged(Guid.NewGuid(), optedOut.OccurredAt.AddMinutes(5), optedOut.AlumnusId, AlumnusConsents.None, AlumnusStatus.OptedOut);
        var older = new AlumnusConsentChanged(Guid.NewGuid(), stale.OccurredAt.AddMinutes(-5), stale.AlumnusId, AlumnusConsents.None, AlumnusStatus.OptedOut);
        await host.PublishAsync(ahead, older);
        await host.WaitForInboxAsync([ahead, older]);
        await host.PublishAsync(optedOut, stale);
        await host.WaitForInboxAsync([optedOut, stale]);

        Assert.Single(await host.RequestsForAsync(stale.AlumnusId, 1));
        var all = await host.Hr.GetFromJsonAsync<JsonElement>("/api/recommendation-requests?pageSize=100");
        Assert.DoesNotContain(all.GetProperty("items").EnumerateArray(), item => item.GetProperty("alumnusId").GetGuid() == optedOut.AlumnusId);
    }

    [Fact]
    public async Task An_event_that_breaks_its_contract_goes_to_the_error_queue_with_its_reason_and_changes_nothing()
    {
        var broken = RecommendationsHost.Departed(manager: $"m.{Guid.NewGuid():N}@acme.example") with { FullName = null!, Skills = [new string('x', 30_000)] };
        await host.PublishAsync(broken);
        var broker = await RabbitMqBroker.GetAsync();
        var error = await Eventually.WaitForAsync(() => broker.QueueAsync(host.Url, "recommendations_error"), queue => queue is { Messages: >= 1 }, TimeSpan.FromSeconds(30), 250);
        Assert.NotNull(error);
        var reasons = (await broker.PeekHeadersAsync(host.Url, "recommendations_error"))
            .Select(headers => headers.TryGetProperty("MT-Fault-Message", out var reason) ? reason.GetString() ?? "" : "").ToList();
        var reason = Assert.Single(reasons, text => text.Contains("EmployeeDeparted", StringComparison.Ordinal));
        Assert.Contains("FullName is required", reason, StringComparison.Ordinal);
        Assert.Contains("Skills holds an item longer than", reason, StringComparison.Ordinal);
        await using var connection = await host.Database.OpenAsync();
        Assert.Equal(0, await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT COUNT(*) FROM alumni_read WHERE alumnus_id = @Id", new { Id = broken.AlumnusId }));
        Assert.Equal(0, await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT COUNT(*) FROM inbox_messages WHERE message_id = @Id", new { Id = broken.EventId }));
    }

    private static async Task<JsonElement> Read(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
