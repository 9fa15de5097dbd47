using System.Globalization;
using System.Text.Json;

namespace TalentNet.Integrations.Features.AtsWebhooks;

/// <summary>Forgiving reads of vendor JSON: a missing or differently typed member is null, never an exception.</summary>
public static class Payload
{
    public static JsonElement? At(this JsonElement element, params string[] path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var current = element;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current) || current.ValueKind == JsonValueKind.Null)
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>A string member, or a number as its text (vendors' ids are either).</summary>
    public static string? Text(this JsonElement element, params string[] path) => element.At(path) switch
    {
        { ValueKind: JsonValueKind.String } text when !string.IsNullOrWhiteSpace(text.GetString()) => text.GetString()!.Trim(),
        { ValueKind: JsonValueKind.Number } number => number.GetRawText(),
        _ => null,
    };

    public static DateTimeOffset? Instant(this JsonElement element, params string[] path) =>
        element.Text(path) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant.ToUniversalTime()
            : null;

    /// <summary>An instant sent as milliseconds since 1970 (Lever's timestamps).</summary>
    public static DateTimeOffset? EpochMillis(this JsonElement element, params string[] path) =>
        element.At(path) is { ValueKind: JsonValueKind.Number } number && number.TryGetInt64(out var millis) && millis is > 0 and < 253_402_300_799_999
            ? DateTimeOffset.FromUnixTimeMilliseconds(millis)
            : null;

    public static IEnumerable<JsonElement> Items(this JsonElement element, params string[] path) =>
        element.At(path) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray().ToList() : [];

    /// <summary>A profile link as TalentNet stores it: absolute, https when the vendor left the scheme out.</summary>
    public static string? Link(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        var withScheme = text.Contains("://", StringComparison.Ordinal) ? text : $"https://{text}";
        return Uri.TryCreate(withScheme, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && withScheme.Length <= 500 ? withScheme : null;
    }

    /// <summary>Profile links keyed by TalentNet's profile kinds: LinkedIn and GitHub recognised by host, the first other link as the website.</summary>
    public static Dictionary<string, string> Profiles(IEnumerable<string?> links)
    {
        var profiles = new Dictionary<string, string>();
        foreach (var link in links.Select(Link).OfType<string>())
        {
            var host = new Uri(link).Host;
            var kind = host.Contains("linkedin", StringComparison.OrdinalIgnoreCase) ? "linkedin"
                : host.Contains("github", StringComparison.OrdinalIgnoreCase) ? "github"
                : host.Contains("facebook", StringComparison.OrdinalIgnoreCase) ? "facebook"
                : "website";
            profiles.TryAdd(kind, link);
        }

        return profiles;
    }
}
