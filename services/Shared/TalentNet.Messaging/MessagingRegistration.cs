using System.Reflection;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TalentNet.Messaging.AsyncApi;
using TalentNet.ServiceDefaults;
using TalentNet.Storage;

namespace TalentNet.Messaging;

public static class MessagingRegistration
{
    /// <summary>
    /// The backbone for one service whose consumers live in <paramref name="consumers"/>, and
    /// <paramref name="closedGenericConsumers"/> (closed generic consumers, which assembly scanning skips).
    /// </summary>
    public static IServiceCollection AddMessaging(
        this IServiceCollection services, IConfiguration configuration, string serviceName, Assembly consumers, params Type[] closedGenericConsumers)
    {
        ArgumentNullException.ThrowIfNull(consumers);
        var consumerTypes = consumers.GetTypes().Concat(closedGenericConsumers).ToList();
        services.AddSingleton(provider => AsyncApiDocument.For(serviceName, provider.GetRequiredService<EventTypes>(), consumerTypes));
        services.AddSingleton<IEndpointContributor>(provider =>
            new AsyncApiEndpoint(provider.GetRequiredService<AsyncApiDocument>(), provider.GetRequiredService<EventTypes>()));
        return services.AddMessaging(configuration, serviceName, bus =>
        {
            bus.AddConsumers(consumers);
            foreach (var consumer in closedGenericConsumers)
            {
                bus.AddConsumer(consumer);
            }
        });
    }

    /// <summary>
    /// The backbone for one service: outbox, relay, inbox and a MassTransit bus on RabbitMQ with a
    /// single durable queue named after the service for all of its consumers.
    /// </summary>
    public static IServiceCollection AddMessaging(
        this IServiceCollection services,
        IConfiguration configuration,
        string serviceName,
        Action<IBusRegistrationConfigurator> addConsumers,
        params Assembly[] extraEventAssemblies)
    {
        ArgumentNullException.ThrowIfNull(addConsumers);
        var options = configuration.BindChecked<MessagingOptions>(MessagingOptions.Section);
        services.AddSingleton(options);
        services.AddSingleton(new EventTypes([typeof(Contracts.IIntegrationEvent).Assembly, .. extraEventAssemblies]));
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<Outbox>();
        services.AddSingleton<OutboxStore>();
        services.AddScoped<ConsumeSession>();
        services.AddSingleton(new MigrationModule("messaging", typeof(MessagingRegistration).Assembly, Order: 0));
        services.AddHealthChecks().AddCheck<OutboxHealthCheck>("outbox", HealthStatus.Degraded, ["ready"]);

        services.AddMassTransit(bus =>
        {
            addConsumers(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                var broker = new Uri(options.ResolveUrl());
                rabbit.Host(broker, host =>
                {
                    host.PublisherConfirmation = true;
                    host.ConnectionName($"talentnet-{serviceName}");
                    if (broker.Scheme == "amqps")
                    {
                        host.UseSsl(ssl => BrokerTls.Configure(ssl, broker.Host, options.TlsCaCertificatePath));
                    }
                });
                var timeToLive = (long)options.ErrorQueueTimeToLive.TotalMilliseconds;
                rabbit.SendTopology.ConfigureErrorSettings = error => error.SetQueueArgument("x-message-ttl", timeToLive);
                rabbit.SendTopology.ConfigureDeadLetterSettings = skipped => skipped.SetQueueArgument("x-message-ttl", timeToLive);
                rabbit.ReceiveEndpoint(serviceName, endpoint =>
                {
                    endpoint.PrefetchCount = options.PrefetchCount;
                    endpoint.Durable = true;
                    if (options.QuorumQueues)
                    {
                        endpoint.SetQuorumQueue();
                    }

                    // Nothing consumes Fault<T>, and its exchanges would be outside the service's broker permissions.
                    endpoint.PublishFaults = false;

                    // A message that breaks its contract will not mend on a retry: straight to the error queue.
                    endpoint.UseMessageRetry(retry =>
                    {
                        retry.Ignore<InvalidEventException>();
                        retry.Immediate(options.ImmediateRetries);
                    });
                    endpoint.UseConsumeFilter(typeof(EventValidationFilter<>), context);
                    endpoint.UseConsumeFilter(typeof(InboxFilter<>), context);
                    endpoint.ConfigureConsumers(context);
                });
            });
        });

        if (options.Outbox.RelayEnabled)
        {
            services.AddHostedService<OutboxRelay>();
        }

        return services;
    }
}
