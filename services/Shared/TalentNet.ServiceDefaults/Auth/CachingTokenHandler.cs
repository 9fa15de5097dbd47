using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TalentNet.ServiceDefaults.Auth;

/// <summary>
/// Validates a bearer token once and remembers the result until the token expires: clients send
/// the same token with every call, and signature checks and claim parsing cost more than the rest
/// of a typical read. The key is the whole token, signature included, so nothing unverified is
/// ever served from the cache; only successful validations are kept.
/// </summary>
internal sealed class CachingTokenHandler(TimeProvider clock) : JsonWebTokenHandler
{
    private const int Capacity = 10_000;
    private readonly ConcurrentDictionary<string, (TokenValidationResult Result, DateTime ValidTo)> _validated = new(StringComparer.Ordinal);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (_validated.TryGetValue(token, out var cached))
        {
            if (cached.ValidTo > now)
            {
                return cached.Result;
            }

            _validated.TryRemove(token, out _);
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is { } securityToken)
        {
            if (_validated.Count >= Capacity)
            {
                _validated.Clear();
            }

            _validated[token] = (result, securityToken.ValidTo);
        }

        return result;
    }
}
