using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TalentNet.ServiceDefaults.Auth;

/// <summary>Authenticates integrations by the <c>X-Api-Key</c> header against configured SHA-256 hashes.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AuthOptions authOptions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    public static string Hash(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || string.IsNullOrEmpty(values.ToString()))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!ApiKeyStrength.IsStrong(values.ToString()))
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key is too weak to be one TalentNet accepts."));
        }

        var presented = Encoding.ASCII.GetBytes(Hash(values.ToString()));
        var match = authOptions.ApiKeys.FirstOrDefault(key =>
            CryptographicOperations.FixedTimeEquals(presented, Encoding.ASCII.GetBytes(key.Hash.ToLowerInvariant())));
        if (match is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
        }

        if (match.ExpiresAt is { } expiry && expiry <= TimeProvider.GetUtcNow())
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key expired."));
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(TalentNetClaims.Subject, $"apikey:{match.Name}"),
                new Claim(TalentNetClaims.Name, match.Name),
                new Claim(TalentNetClaims.Role, match.Role),
            ],
            SchemeName, TalentNetClaims.Name, TalentNetClaims.Role);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
