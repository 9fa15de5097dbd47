using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;

namespace TalentNet.Gateway;

/// <summary>
/// How people sign in to the gateway, bound from <c>Auth</c> beside the token settings every service
/// shares: OpenID Connect when <c>Auth:Authority</c> is set (required outside Development).
/// </summary>
public sealed class SignInOptions : ICheckedOptions
{
    public const string Section = "Auth";

    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The claim of the identity provider's token that carries TalentNet roles.</summary>
    public string RoleClaim { get; set; } = "role";

    /// <summary>
    /// Where the keys that protect session cookies are kept. Every replica of the gateway must share
    /// them (a cookie issued by one is read by another): a directory on a shared volume. Unset, each
    /// process keeps its own, and a restart signs everybody out.
    /// </summary>
    public string? SessionKeysDirectory { get; set; }

    /// <summary>Set by the host: only Development may go without an identity provider.</summary>
    internal bool IsDevelopment { get; set; }

    public bool UsesOpenIdConnect => !string.IsNullOrWhiteSpace(Authority);

    public IEnumerable<string> Problems()
    {
        if (!UsesOpenIdConnect && !IsDevelopment)
        {
            yield return $"{Section}:Authority is required outside Development: people sign in to the gateway with OpenID Connect.";
        }

        if (UsesOpenIdConnect && string.IsNullOrWhiteSpace(ClientId))
        {
            yield return $"{Section}:ClientId is required with {Section}:Authority.";
        }

        if (Placeholders.IsPlaceholder(ClientSecret))
        {
            yield return Placeholders.Refusal($"{Section}:ClientSecret");
        }

        if (UsesOpenIdConnect && string.IsNullOrWhiteSpace(ClientSecret))
        {
            yield return $"{Section}:ClientSecret is required with {Section}:Authority.";
        }

        if (string.IsNullOrWhiteSpace(RoleClaim))
        {
            yield return $"{Section}:RoleClaim must name a claim.";
        }
    }
}
