using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace TalentNet.ServiceDefaults.Auth;

/// <summary>
/// Remembers who a bearer token stood for once the JWT handler has validated it: clients send the
/// same token with every call, and validating it again (signature, claims, a fresh copy of the
/// validation parameters) costs more than the rest of a typical read. The key is the whole token,
/// signature included, so nothing unverified is ever answered from here; only successful
/// validations are kept, each at most <see cref="MaxAge"/> and never past the token's expiry, and
/// only while the identity provider still publishes the signing keys it was validated against
/// (a key rollover drops what the old keys vouched for). When full, expired entries make room;
/// failing that, a token is simply validated again next time.
/// </summary>
internal sealed class ValidatedTokenCache(TimeProvider clock, int capacity = ValidatedTokenCache.DefaultCapacity)
{
    public const int DefaultCapacity = 10_000;

    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, Entry> _validated = new(StringComparer.Ordinal);
    private KeySnapshot? _lastKeys;

    public int Count => _validated.Count;

    public JwtBearerEvents Events() => new()
    {
        OnMessageReceived = async context =>
        {
            if (BearerToken(context.Request.Headers.Authorization.ToString()) is { } token
                && _validated.TryGetValue(token, out var cached))
            {
                if (cached.Until > clock.GetUtcNow().UtcDateTime && cached.Keys == await SigningKeysAsync(context.Options, context.HttpContext.RequestAborted))
                {
                    context.Principal = cached.Principal;
                    context.Success();
                }
                else
                {
                    _validated.TryRemove(token, out _);
                }
            }
        },
        OnTokenValidated = async context =>
        {
            if (context.SecurityToken is JsonWebToken { EncodedToken: { } token } jwt && context.Principal is { } principal)
            {
                var now = clock.GetUtcNow().UtcDateTime;
                var until = jwt.ValidTo < now + MaxAge ? jwt.ValidTo : now + MaxAge;
                Add(token, new Entry(principal, until, await SigningKeysAsync(context.Options, context.HttpContext.RequestAborted)), now);
            }
        },
    };

    private void Add(string token, Entry entry, DateTime now)
    {
        if (_validated.Count >= capacity)
        {
            foreach (var (key, stale) in _validated)
            {
                if (stale.Until <= now)
                {
                    _validated.TryRemove(key, out _);
                }
            }

            if (_validated.Count >= capacity)
            {
                return;
            }
        }

        _validated[token] = entry;
    }

    /// <summary>The key ids the identity provider publishes now ("" for the local key, which has no provider).</summary>
    private async Task<string> SigningKeysAsync(JwtBearerOptions options, CancellationToken cancellationToken)
    {
        if (options.ConfigurationManager is not { } manager)
        {
            return "";
        }

        // Served from the manager's own cache; it refreshes on its schedule or when a token names an unknown key.
        var configuration = await manager.GetConfigurationAsync(cancellationToken);
        if (_lastKeys is { } last && ReferenceEquals(last.Configuration, configuration))
        {
            return last.Keys;
        }

        var keys = string.Join(',', configuration.SigningKeys.Select(key => key.KeyId).Order(StringComparer.Ordinal));
        _lastKeys = new KeySnapshot(configuration, keys);
        return keys;
    }

    private static string? BearerToken(string authorization) =>
        authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization.Length > 7
            ? authorization[7..].Trim()
            : null;

    private sealed record KeySnapshot(OpenIdConnectConfiguration Configuration, string Keys);

    private sealed record Entry(ClaimsPrincipal Principal, DateTime Until, string Keys);
}
