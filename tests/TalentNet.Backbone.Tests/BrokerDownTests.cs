using System.Net;
using System.Net.Http.Json;
using Dapper;
using TalentNet.Candidates;
using TalentNet.Recommendations;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.Storage;
using TalentNet.Testing;

namespace TalentNet.Backbone.Tests;

/// <summary>Proof 1: nothing is lost while the broker is down.</summary>
public sealed class BrokerDownTests
{
    private const int Writes = 500;

    [Fact]
    public async Task Broker_down_500_api_writes_all_succeed_and_exactly_500_events_are_consumed_once_it_is_back()
    {
        await using var node = await PrivateRabbitMqNode.StartAsync("broker-down");
        var url = node.AmqpUri.ToString();
        var fast = new Dictionary<string, string?> { ["Messaging:Outbox:PublishTimeout"] = "00:00:02" };
        await using var candidates = new ServiceHost<CandidatesProgram>(TestDatabase.NewPath("down-candidates"), url, fast);
        await using var recommendations = new ServiceHost<RecommendationsProgram>(TestDatabase.NewPath("down-recommendations"), url, fast);
        var recruiter = candidates.CreateClient().As(Roles.Recruiter);
        foreach (var client in new[] { recruiter, recommendations.CreateClient() })
        {
            var ready = await Eventually.WaitForAsync(() => client.GetAsync("/health/ready"), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(60));
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        await node.KillAsync();
        for (var i = 0; i < Writes; i++)
        {
            var response = await recruiter.PostAsJsonAsync("/api/jobs", new
            {
                title = $"Job {i}", department = "Engineering", skills = new[] { "csharp" }, hiringManagerEmail = "ola.hansen@acme.example",
            });
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"write {i} while the broker is down: {(int)response.StatusCode}");
        }

        var candidatesDb = Open(candidates.DatabasePath);
        var recommendationsDb = Open(recommendations.DatabasePath);
        Assert.Equal(Writes, await ScalarAsync(candidatesDb, "SELECT COUNT(*) FROM outbox_messages WHERE processed_at IS NULL"));

        await node.StartAsync();
        var consumed = await Eventually.WaitForAsync(
            () => ScalarAsync(recommendationsDb, "SELECT COUNT(*) FROM inbox_messages"),
            count => count >= Writes, TimeSpan.FromSeconds(120), 250);
        var pending = await Eventually.WaitForAsync(
            () => ScalarAsync(candidatesDb, "SELECT COUNT(*) FROM outbox_messages WHERE processed_at IS NULL"),
            count => count == 0, TimeSpan.FromSeconds(30), 250);
        await Task.Delay(1000); // a late duplicate would land here

        Assert.Equal(Writes, consumed);
        Assert.Equal(Writes, await ScalarAsync(recommendationsDb, "SELECT COUNT(*) FROM inbox_messages"));
        Assert.Equal(Writes, await ScalarAsync(recommendationsDb, "SELECT COUNT(DISTINCT job_id) FROM open_jobs"));
        Assert.Equal(Writes, await ScalarAsync(candidatesDb, "SELECT COUNT(*) FROM jobs"));
        Assert.Equal(0, pending);
    }

    private static Database Open(string path) => new(new DatabaseOptions { ConnectionString = $"Data Source={path}" }, "probe");

    private static async Task<long> ScalarAsync(Database database, string sql)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }
}
