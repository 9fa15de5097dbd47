namespace TalentNet.ServiceDefaults.Auth;

/// <summary>Bound from the <c>Auth</c> configuration section.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>An OpenID Connect authority; when set, its signing keys are used.</summary>
    public string? Authority { get; set; }

    public string Issuer { get; set; } = "talentnet";

    public string Audience { get; set; } = "talentnet-api";

    /// <summary>A symmetric key (at least 32 characters) for locally minted tokens.</summary>
    public string? SigningKey { get; set; }

    public List<ApiKeyOptions> ApiKeys { get; set; } = [];
}

/// <summary>An integration's key: only its SHA-256 hash (hex) is configured, never the key.</summary>
public sealed class ApiKeyOptions
{
    public string Name { get; set; } = "";

    public string Hash { get; set; } = "";

    public string Role { get; set; } = Roles.Integration;
}
