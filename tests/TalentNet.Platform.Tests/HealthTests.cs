using System.Net;
using System.Text.Json;
using TalentNet.Alumni;
using TalentNet.Candidates;
using TalentNet.Recommendations;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.Testing;

namespace TalentNet.Platform.Tests;

public sealed class HealthTests
{
    [Fact]
    public async Task Live_answers_without_dependencies_and_ready_lists_database_broker_and_outbox()
    {
        var broker = await RabbitMqBroker.GetAsync();
        var url = await broker.CreateVirtualHostAsync("health");
        await using var candidates = new ServiceHost<CandidatesProgram>(TestDatabase.NewPath("health-c"), url);
        await using var alumni = new ServiceHost<AlumniProgram>(TestDatabase.NewPath("health-a"), url);
        await using var recommendations = new ServiceHost<RecommendationsProgram>(TestDatabase.NewPath("health-r"), url);
        await using var integrations = new ServiceHost<IntegrationsProgram>(TestDatabase.NewPath("health-i"), url);
        foreach (var client in new[] { candidates.CreateClient(), alumni.CreateClient(), recommendations.CreateClient(), integrations.CreateClient() }.Select(client => client.As(Roles.Admin)))
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);

            var ready = await Eventually.WaitForAsync(
                () => client.GetAsync("/health/ready"), response => response.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30));
            var body = await ready.Content.ReadAsStringAsync();
            Assert.True(ready.StatusCode == HttpStatusCode.OK, body);
            var checks = JsonDocument.Parse(body).RootElement.GetProperty("checks");
            Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
            Assert.Equal("Healthy", checks.GetProperty("masstransit-bus").GetProperty("status").GetString());
            Assert.Equal(0, checks.GetProperty("outbox").GetProperty("data").GetProperty("pending").GetInt64());
        }

        // Outside Development the details (queue depths, descriptions) are for admins: anyone else sees the status.
        foreach (var caller in new[] { candidates.CreateClient(), candidates.CreateClient().As(Roles.Recruiter) })
        {
            var answer = JsonDocument.Parse(await caller.GetStringAsync("/health/ready")).RootElement;
            Assert.Equal("Healthy", answer.GetProperty("status").GetString());
            Assert.False(answer.TryGetProperty("checks", out _), answer.ToString());
        }
    }

    [Fact]
    public async Task Ready_is_503_while_the_broker_is_unreachable()
    {
        await using var candidates = new ServiceHost<CandidatesProgram>(TestDatabase.NewPath("health-down"), "amqp://guest:guest@127.0.0.1:1/");
        var client = candidates.CreateClient().As(Roles.Admin);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var checks = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.NotEqual("Healthy", checks.GetProperty("masstransit-bus").GetProperty("status").GetString());
    }
}
