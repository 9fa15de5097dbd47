using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
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

        clock.SetUtcNow(jwt.ValidTo);
        Assert.Null(await ReceiveAsync(events, token));
    }

    private static async Task<AuthenticateResult?> ReceiveAsync(JwtBearerEvents events, string token)
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.Authorization = $"Bearer {token}";
        var context = new MessageReceivedContext(http, Bearer, new JwtBearerOptions());
        await events.MessageReceived(context);
        return context.Result;
    }
}
