using System.Globalization;

namespace TalentNet.ServiceDefaults.Auth;

/// <summary>Bound from the <c>Auth</c> configuration section.</summary>
public sealed class AuthOptions : ICheckedOptions
{
    public const string Section = "Auth";

    /// <summary>An OpenID Connect authority; when set, its signing keys are used.</summary>
    public string? Authority { get; set; }

    public string Issuer { get; set; } = "talentnet";

    public string Audience { get; set; } = "talentnet-api";

    /// <summary>A symmetric key (at least 32 characters) for locally minted tokens.</summary>
    public string? SigningKey { get; set; }

    /// <summary>
    /// Outside Development a symmetric key is refused unless this is set: whoever holds the key can
    /// mint any token, an admin's included. For a local stack (compose) without an identity provider.
    /// </summary>
    public bool AllowSymmetricKey { get; set; }

    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    /// <summary>Set by the host, never by configuration.</summary>
    internal bool IsDevelopment { get; set; }

    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Authority) && string.IsNullOrEmpty(SigningKey))
        {
            yield return $"Configure {Section}:Authority (an OpenID Connect issuer) or {Section}:SigningKey (local tokens).";
        }

        if (!string.IsNullOrEmpty(SigningKey) && SigningKey.Length < DevTokens.MinimumKeyLength)
        {
            yield return $"{Section}:SigningKey must be at least {DevTokens.MinimumKeyLength} characters.";
        }

        if (Placeholders.IsPlaceholder(SigningKey))
        {
            yield return Placeholders.Refusal($"{Section}:SigningKey");
        }

        if (!string.IsNullOrWhiteSpace(Authority) && !Uri.TryCreate(Authority, UriKind.Absolute, out _))
        {
            yield return $"{Section}:Authority must be an absolute URL.";
        }

        if (!string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrEmpty(SigningKey))
        {
            yield return $"{Section}:SigningKey must not be set with {Section}:Authority: tokens come from the identity provider alone (one signer).";
        }

        if (string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrEmpty(SigningKey) && !IsDevelopment && !AllowSymmetricKey)
        {
            yield return $"{Section}:SigningKey is refused outside Development unless {Section}:AllowSymmetricKey is true: whoever holds the key can mint an admin token. Use {Section}:Authority (an OpenID Connect issuer).";
        }

        for (var index = 0; index < ApiKeys.Count; index++)
        {
            var key = ApiKeys[index];
            var prefix = string.Create(CultureInfo.InvariantCulture, $"{Section}:ApiKeys:{index}");
            if (string.IsNullOrWhiteSpace(key.Name))
            {
                yield return $"{prefix}:Name is required.";
            }

            if (key.Hash.Length != 64 || !key.Hash.All(Uri.IsHexDigit))
            {
                yield return $"{prefix}:Hash must be the key's SHA-256 as 64 hex digits.";
            }

            if (ApiKeyStrength.IsPublished(key.Hash))
            {
                yield return $"{prefix}:Hash is the hash of a key printed in the documentation; make one with scripts/new-api-key.sh.";
            }

            if (!Roles.All.Contains(key.Role))
            {
                yield return $"{prefix}:Role must be one of: {string.Join(", ", Roles.All)}.";
            }

            if (key.Role == Roles.Admin && !key.AllowAdmin)
            {
                yield return $"{prefix}:Role admin needs {prefix}:AllowAdmin: a key is a long-lived secret and admin may do everything.";
            }
        }
    }
}

/// <summary>An integration's key: only its SHA-256 hash (hex) is configured, never the key.</summary>
public sealed class ApiKeyOptions
{
    public string Name { get; set; } = "";

    public string Hash { get; set; } = "";

    public string Role { get; set; } = Roles.Integration;

    /// <summary>Only with this may a key hold the admin role.</summary>
    public bool AllowAdmin { get; set; }

    /// <summary>When the key stops working (401); unset, it works until it is removed.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
}
