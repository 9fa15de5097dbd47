using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using TalentNet.Messaging.AsyncApi;
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
        await JobRoundTrip.RunAsync(candidates, recommendations);

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
