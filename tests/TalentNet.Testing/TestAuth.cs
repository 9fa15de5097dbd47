using System.Net.Http.Headers;
using TalentNet.ServiceDefaults.Auth;

namespace TalentNet.Testing;

public static class TestAuth
{
    public const string SigningKey = "talentnet-test-signing-key-0123456789-abcdef";

    /// <summary>Signs the alumni page's links in test hosts (its own secret, as in production).</summary>
    public const string AlumniLinkKey = "talentnet-test-alumni-link-key-0123456789-abcdef";

    /// <summary>Keys the suppression list's hashes in test hosts.</summary>
    public const string SuppressionKey = "talentnet-test-suppression-key-0123456789-abcdef";

    public static AuthOptions Options { get; } = new() { SigningKey = SigningKey };

    public static string Token(string role, string? email = null) =>
        DevTokens.Mint(Options, role, email ?? $"{role}@talentnet.example");

    public static HttpClient As(this HttpClient client, string role, string? email = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(role, email));
        return client;
    }
}
