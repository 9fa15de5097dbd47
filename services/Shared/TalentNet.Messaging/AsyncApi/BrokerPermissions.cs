using System.Reflection;
using System.Text.RegularExpressions;
using MassTransit;

namespace TalentNet.Messaging.AsyncApi;

/// <summary>
/// What one service may do on RabbitMQ, worked out from the same facts as its AsyncAPI document:
/// declare its own queue (with its <c>_error</c> and <c>_skipped</c>) and the exchanges of the events
/// it publishes and consumes; write to its own queue and the exchanges it publishes to; read its own
/// queue and the exchanges it binds from. A user per service with exactly these patterns
/// (<c>rabbitmqctl set_permissions</c>) cannot read another service's queue nor publish its events.
/// </summary>
public sealed record BrokerPermissions(string Configure, string Write, string Read)
{
    public static BrokerPermissions For(AsyncApiDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        string[] own = [document.ServiceName, $"{document.ServiceName}_error", $"{document.ServiceName}_skipped"];
        var publishes = document.Sends.Select(Exchange).ToList();
        var consumes = document.Receives.Select(Exchange).ToList();
        return new BrokerPermissions(
            Pattern([.. own, .. publishes, .. consumes]),
            Pattern([.. own, .. publishes]),
            Pattern([document.ServiceName, .. consumes]));
    }

    private static string Exchange(Type type) => type.GetCustomAttribute<EntityNameAttribute>()?.EntityName
        ?? throw new InvalidOperationException($"{type.Name} needs an [EntityName]: its exchange is part of a service's permissions.");

    private static string Pattern(IEnumerable<string> names) =>
        $"^({string.Join('|', names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(Regex.Escape))})$";
}
