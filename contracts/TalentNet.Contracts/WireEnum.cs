using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TalentNet.Contracts;

/// <summary>The wire names of a vocabulary enum, both ways.</summary>
[SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "One lookup table per enum, read as Wire<Channel>.Names.")]
public static class Wire<TEnum>
    where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<TEnum, string> NameOf =
        Enum.GetValues<TEnum>().ToFrozenDictionary(value => value, value => WireNames.Of(typeof(TEnum), value.ToString()));

    private static readonly FrozenDictionary<string, TEnum> ValueOf =
        NameOf.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    // Written as pre-encoded JSON text, as System.Text.Json's own enum converter does.
    private static readonly FrozenDictionary<TEnum, JsonEncodedText> EncodedOf =
        NameOf.ToFrozenDictionary(pair => pair.Key, pair => JsonEncodedText.Encode(pair.Value));

    /// <summary>Every allowed value, in declaration order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<TEnum>().Select(value => NameOf[value])];

    public static string Name(TEnum value) =>
        NameOf.TryGetValue(value, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(value), value, $"Not a {typeof(TEnum).Name}.");

    internal static JsonEncodedText Encoded(TEnum value) =>
        EncodedOf.TryGetValue(value, out var encoded) ? encoded : throw new ArgumentOutOfRangeException(nameof(value), value, $"Not a {typeof(TEnum).Name}.");

    public static bool TryParse(string? name, out TEnum value) => ValueOf.TryGetValue(name ?? "", out value);

    /// <summary>A stored or configured value; one that is not in the vocabulary is a bug, not bad input.</summary>
    public static TEnum Parse(string name) =>
        TryParse(name, out var value) ? value : throw new FormatException($"'{name}' is not a {typeof(TEnum).Name}; allowed: {string.Join(", ", Names)}.");
}

public static class WireNames
{
    /// <summary>The wire name of one enum member: its JsonStringEnumMemberName, else its name in kebab case.</summary>
    public static string Of(Type enumType, string memberName)
    {
        ArgumentNullException.ThrowIfNull(enumType);
        var field = enumType.GetField(memberName, BindingFlags.Public | BindingFlags.Static)
            ?? throw new ArgumentException($"{enumType.Name} has no member {memberName}.", nameof(memberName));
        return field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? JsonNamingPolicy.KebabCaseLower.ConvertName(memberName);
    }

    /// <summary>Every wire name of a vocabulary enum, in declaration order.</summary>
    public static IReadOnlyList<string> All(Type enumType)
    {
        ArgumentNullException.ThrowIfNull(enumType);
        return [.. Enum.GetNames(enumType).Select(name => Of(enumType, name))];
    }

    public static string ToWire<TEnum>(this TEnum value)
        where TEnum : struct, Enum => Wire<TEnum>.Name(value);
}

/// <summary>A JSON value outside its vocabulary; the message lists what is allowed.</summary>
public sealed class UnknownWireValueException(string message) : JsonException(message);

/// <summary>Reads and writes a vocabulary enum as its wire name; numbers and unknown names are refused.</summary>
public sealed class WireEnumConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var name = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return Wire<TEnum>.TryParse(name, out var value)
            ? value
            : throw new UnknownWireValueException($"Must be one of: {string.Join(", ", Wire<TEnum>.Names)}.");
    }

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Wire<TEnum>.Encoded(value));
    }

    public override TEnum ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Read(ref reader, typeToConvert, options);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(Wire<TEnum>.Encoded(value));
    }
}
