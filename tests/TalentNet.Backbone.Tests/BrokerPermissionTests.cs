using System.Net;
using System.Net.Http.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using TalentNet.Messaging.AsyncApi;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.Storage;
using TalentNet.Testing;

namespace TalentNet.Backbone.Tests;

/// <summary>Each service on its own broker user with exactly the permissions its AsyncAPI facts give it.</summary>
public sealed class BrokerPermissionTests
{
    [Fact]
    public async Task With_only_their_own_permissions_services_publish_and_consume_and_one_cannot_read_anothers_queue()
    {
        var broker = await RabbitMqBroker.GetAsync();
        var vhost = await broker.CreateVirtualHostAsync("permissions");
        var candidatesUrl = await UserForAsync<CandidatesProgram>(broker, vhost, "candidates");
        var recommendationsUrl = await UserForAsync<RecommendationsProgram>(broker, vhost, "recommendations");

        await using var candidates = new ServiceHost<CandidatesProgram>(TestDatabase.NewPath("perm-candidates"), candidatesUrl);
        await using var recommendations = new ServiceHost<RecommendationsProgram>(TestDatabase.NewPath("perm-recommendations"), recommendationsUrl);
        var recruiter = candidates.CreateClient().As(Roles.Recruiter);
        foreach (var client in new[] { recruiter, recommendations.CreateClient() })
        {
            var ready = await Eventually.WaitForAsync(() => client.GetAsync("/health/ready"), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(60));
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        var opened = await recruiter.PostAsJsonAsync("/api/jobs", new
        {
            title = "Platform Engineer", department = "Engineering", skills = new[] { "go" }, hiringManagerEmail = "ola.hansen@acme.example",
        });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var recommendationsDb = new Database(new DatabaseOptions { ConnectionString = $"Data Source={recommendations.DatabasePath}" }, "probe");
        var jobs = await Eventually.WaitForAsync(async () =>
        {
            await using var connection = await recommendationsDb.OpenAsync();
            return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM open_jobs");
        }, count => count == 1, TimeSpan.FromSeconds(60), 250);
        if (jobs != 1)
        {
            var candidatesDb = new Database(new DatabaseOptions { ConnectionString = $"Data Source={candidates.DatabasePath}" }, "probe");
            await using var db = await candidatesDb.OpenAsync();
            var errors = await db.QueryAsync<string>("SELECT COALESCE(last_error, 'none') || ' attempts ' || attempts || ' processed ' || COALESCE(processed_at, '-') FROM outbox_messages");
            Assert.Fail($"the job did not reach Recommendations; candidates' outbox: {string.Join("; ", errors)}");
        }

        // Candidates' user may not read Recommendations' queue.
        var factory = new ConnectionFactory { Uri = new Uri(candidatesUrl) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var refused = await Assert.ThrowsAsync<OperationInterruptedException>(() => channel.BasicGetAsync("recommendations", autoAck: false));
        Assert.Equal(403, (int?)refused.ShutdownReason?.ReplyCode);
    }

    private static async Task<string> UserForAsync<TProgram>(RabbitMqBroker broker, string vhost, string name)
        where TProgram : class
    {
        await using var host = new ServiceHost<TProgram>(TestDatabase.NewPath($"perm-{name}-doc"), rabbitMqUrl: null);
        var permissions = BrokerPermissions.For(host.Services.GetRequiredService<AsyncApiDocument>());
        return await broker.CreateUserAsync(vhost, name, permissions.Configure, permissions.Write, permissions.Read);
    }
}
