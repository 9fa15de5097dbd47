using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;

namespace TalentNet.ServiceDefaults.Auth;

/// <summary>
/// Remembers who a bearer token stood for once the JWT handler has validated it, until the token
/// expires: clients send the same token with every call, and validating it again (signature,
/// claims, a fresh copy of the validation parameters) costs more than the rest of a typical read.
/// The key is the whole token, signature included, so nothing unverified is ever answered from
/// here; only successful validations are kept.
/// </summary>
internal sealed class ValidatedTokenCache(TimeProvider clock)
{
    private const int Capacity = 10_000;
    private readonly ConcurrentDictionary<string, (ClaimsPrincipal Principal, DateTime ValidTo)> _validated = new(StringComparer.Ordinal);

    public JwtBearerEvents Events() => new()
    {
        OnMessageReceived = context =>
        {
            if (BearerToken(context.Request.Headers.Authorization.ToString()) is { } token && TryGet(token, out var principal))
            {
                context.Principal = principal;
                context.Success();
            }

            return Task.CompletedTask;
        },
        OnTokenValidated = context =>
        {
            if (context.SecurityToken is JsonWebToken { EncodedToken: { } token } jwt && context.Principal is { } principal)
            {
                Add(token, principal, jwt.ValidTo);
            }

            return Task.CompletedTask;
        },
    };

    private bool TryGet(string token, out ClaimsPrincipal principal)
    {
        principal = null!;
        if (!_validated.TryGetValue(token, out var cached))
        {
            return false;
        }

        if (cached.ValidTo <= clock.GetUtcNow().UtcDateTime)
        {
            _validated.TryRemove(token, out _);
            return false;
        }

        principal = cached.Principal;
        return true;
    }

    private void Add(string token, ClaimsPrincipal principal, DateTime validTo)
    {
        if (_validated.Count >= Capacity)
        {
            _validated.Clear();
        }

        _validated[token] = (principal, validTo);
    }

    private static string? BearerToken(string authorization) =>
        authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization.Length > 7
            ? authorization[7..].Trim()
            : null;
}
