namespace TalentNet.ServiceDefaults.Auth;

/// <summary>
/// How much guessing an API key withstands. Only a key's hash is configured, so its strength is
/// judged where the key itself is seen: when it is made (<c>scripts/new-api-key.sh</c>) and each time
/// it is presented, where a weak key is refused even if its hash is configured. At start, the hashes
/// of keys anyone can read (the examples in the repository) are refused.
/// </summary>
public static class ApiKeyStrength
{
    public const int MinimumLength = 32;

    /// <summary>Estimated from the key's own characters: length times the Shannon entropy of their distribution.</summary>
    public const double MinimumBits = 80;

    /// <summary>Keys printed in the repository's documentation and examples.</summary>
    private static readonly string[] Published = ["$KEY", "your-api-key", "change-me", "changeme", "test", "secret", "password"];

    public static double EstimatedBits(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0)
        {
            return 0;
        }

        var perCharacter = key.GroupBy(character => character)
            .Select(group => (double)group.Count() / key.Length)
            .Sum(share => -share * Math.Log2(share));
        return perCharacter * key.Length;
    }

    public static bool IsStrong(string key) => key.Length >= MinimumLength && EstimatedBits(key) >= MinimumBits;

    public static bool IsPublished(string hash) =>
        Published.Any(key => string.Equals(ApiKeyAuthenticationHandler.Hash(key), hash, StringComparison.OrdinalIgnoreCase));
}
