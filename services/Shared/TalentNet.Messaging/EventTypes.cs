using System.Collections.Frozen;
using System.Reflection;
using MassTransit;
using TalentNet.Contracts;

namespace TalentNet.Messaging;

/// <summary>Maps stable wire names (message URNs) to CLR types and back.</summary>
public sealed class EventTypes
{
    private readonly FrozenDictionary<string, Type> _byUrn;
    private readonly FrozenDictionary<Type, string> _byType;

    public EventTypes(IEnumerable<Assembly> assemblies)
    {
        var types = assemblies
            .Distinct()
            .SelectMany(assembly => assembly.GetExportedTypes())
            .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(IIntegrationEvent).IsAssignableFrom(type))
            .ToList();
        _byType = types.ToFrozenDictionary(type => type, ReadUrn);
        _byUrn = _byType.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);
    }

    public static EventTypes Contracts { get; } = new([typeof(IIntegrationEvent).Assembly]);

    public IReadOnlyCollection<Type> All => _byType.Keys;

    public string UrnOf<T>() => UrnOf(typeof(T));

    public string UrnOf(Type type) => _byType.TryGetValue(type, out var urn)
        ? urn
        : throw new InvalidOperationException($"{type.Name} is not a registered integration event.");

    /// <summary>
    /// The name webhook subscribers know an event by: <c>&lt;service&gt;.&lt;event&gt;</c> from its URN
    /// (<c>talentnet:candidates:candidate-hired:v1</c> is <c>candidates.candidate-hired</c>).
    /// </summary>
    public static string WebhookType(string urn)
    {
        ArgumentNullException.ThrowIfNull(urn);
        var start = urn.IndexOf("talentnet:", StringComparison.Ordinal);
        var parts = start < 0 ? [] : urn[start..].Split(':');
        return parts.Length >= 4 ? $"{parts[1]}.{parts[2]}" : throw new FormatException($"'{urn}' is not a talentnet:<service>:<event>:v<N> URN.");
    }

    public Type TypeOf(string urn) => _byUrn.TryGetValue(urn, out var type)
        ? type
        : throw new InvalidOperationException($"No integration event is registered for '{urn}'.");

    private static string ReadUrn(Type type) =>
        type.GetCustomAttribute<MessageUrnAttribute>()?.Urn.ToString()
        ?? throw new InvalidOperationException($"{type.FullName} needs a [MessageUrn] to have a stable wire name.");
}
