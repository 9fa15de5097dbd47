using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.Testing;

namespace TalentNet.Platform.Tests;

public sealed class ValidatedTokenCacheTests
{
    private static readonly AuthenticationScheme Bearer = new(JwtBearerDefaults.AuthenticationScheme, null, typeof(JwtBearerHandler));

    [Fact]
    public async Task A_validated_token_is_answered_from_the_cache_until_it_expires_and_only_that_exact_token()
    {
        var token = TestAuth.Token(Roles.Recruiter);
        var jwt = new JsonWebToken(token);
        var clock = new FakeTimeProvider(jwt.ValidFrom.AddMinutes(1));
        var events = new ValidatedTokenCache(clock).Events();

        Assert.Null(await ReceiveAsync(events, token));

        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(TalentNetClaims.Role, Roles.Recruiter)], "Bearer"));
        await events.TokenValidated(new TokenValidatedContext(new DefaultHttpContext(), Bearer, new JwtBearerOptions())
        {
            Principal = principal,
            SecurityToken = jwt,
        });

        var cached = await ReceiveAsync(events, token);
        Assert.NotNull(cached);
        Assert.True(cached.Succeeded);
        Assert.Same(principal, cached.Principal);

        var tampered = token[..^2] + (token[^2] == 'A' ? "BB" : "AA");
        Assert.Null(await ReceiveAsync(events, tampered));

        clock.Advance(ValidatedTokenCache.MaxAge);
        Assert.Null(await ReceiveAsync(events, token));
    }

    [Fact]
    public async Task A_full_cache_keeps_what_it_holds_and_makes_room_only_from_expired_entries()
    {
        var first = new JsonWebToken(TestAuth.Token(Roles.Recruiter, "first@talentnet.example"));
        var clock = new FakeTimeProvider(first.ValidFrom.AddMinutes(1));
        var cache = new ValidatedTokenCache(clock, capacity: 2);
        var events = cache.Events();
        await ValidatedAsync(events, first);
        await ValidatedAsync(events, new JsonWebToken(TestAuth.Token(Roles.Recruiter, "second@talentnet.example")));
        await ValidatedAsync(events, new JsonWebToken(TestAuth.Token(Roles.Recruiter, "third@talentnet.example")));
        Assert.Equal(2, cache.Count);
        Assert.NotNull(await ReceiveAsync(events, first.EncodedToken));

        clock.Advance(ValidatedTokenCache.MaxAge);
        var fourth = new JsonWebToken(TestAuth.Token(Roles.Recruiter, "fourth@talentnet.example"));
        await ValidatedAsync(events, fourth);
        Assert.Equal(1, cache.Count);
        Assert.NotNull(await ReceiveAsync(events, fourth.EncodedToken));
    }

    [Fact]
    public async Task A_signing_key_rollover_at_the_identity_provider_drops_what_the_old_keys_vouched_for()
    {
        var jwt = new JsonWebToken(TestAuth.Token(Roles.Recruiter));
        var clock = new FakeTimeProvider(jwt.ValidFrom.AddMinutes(1));
        var provider = new Provider("key-2026-11");
        var options = new JwtBearerOptions { ConfigurationManager = provider };
        var events = new ValidatedTokenCache(clock).Events();
        await ValidatedAsync(events, jwt, options);
        Assert.NotNull(await ReceiveAsync(events, jwt.EncodedToken, options));

        provider.Current = Provider.Configuration("key-2026-12");
        Assert.Null(await ReceiveAsync(events, jwt.EncodedToken, options));
    }

    private static Task ValidatedAsync(JwtBearerEvents events, JsonWebToken jwt, JwtBearerOptions? options = null) =>
        events.TokenValidated(new TokenValidatedContext(new DefaultHttpContext(), Bearer, options ?? new JwtBearerOptions())
        {
            Principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(TalentNetClaims.Role, Roles.Recruiter)], "Bearer")),
            SecurityToken = jwt,
        });

    /// <summary>An identity provider's published configuration, its keys changed by the test.</summary>
    private sealed class Provider(string keyId) : IConfigurationManager<OpenIdConnectConfiguration>
    {
        public OpenIdConnectConfiguration Current { get; set; } = Configuration(keyId);

        public static OpenIdConnectConfiguration Configuration(string keyId)
        {
            var configuration = new OpenIdConnectConfiguration();
            configuration.SigningKeys.Add(new SymmetricSecurityKey(new byte[32]) { KeyId = keyId });
            return configuration;
        }

        public Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel) => Task.FromResult(Current);

        public void RequestRefresh()
        {
        }
    }

    private static async Task<AuthenticateResult?> ReceiveAsync(JwtBearerEvents events, string token, JwtBearerOptions? options = null)
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.Authorization = $"Bearer {token}";
        var context = new MessageReceivedContext(http, Bearer, options ?? new JwtBearerOptions());
        await events.MessageReceived(context);
        return context.Result;
    }
}
