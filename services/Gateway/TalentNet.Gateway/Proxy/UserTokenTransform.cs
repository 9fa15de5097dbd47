using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using TalentNet.ServiceDefaults.Auth;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace TalentNet.Gateway.Proxy;

/// <summary>
/// What a proxied request carries to a service: the tool's own token or API key untouched, or, for
/// a signed-in person, that person's own bearer token (the identity provider's access token, or in
/// Development one minted for them with the dev key, valid for minutes). Never the session cookie,
/// never a credential of the gateway's own.
/// </summary>
internal sealed class UserTokenTransform(AuthOptions tokens, SignInOptions signIn) : ITransformProvider
{
    private static readonly TimeSpan DevTokenLifetime = TimeSpan.FromMinutes(5);

    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context) => context.AddRequestTransform(async transform =>
    {
        transform.ProxyRequest.Headers.Remove("Cookie");
        var http = transform.HttpContext;
        if (GatewayApi.CarriesOwnCredential(http.Request) || http.User.Identity?.IsAuthenticated != true)
        {
            return;
        }

        var token = signIn.UsesOpenIdConnect
            ? await http.GetTokenAsync(CookieAuthenticationDefaults.AuthenticationScheme, "access_token")
            : MintFor(http.User);
        if (token is not null)
        {
            transform.ProxyRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    });

    private string? MintFor(ClaimsPrincipal user) =>
        user.FindFirst(TalentNetClaims.Role)?.Value is { } role
            ? DevTokens.Mint(tokens, role, user.FindFirst(TalentNetClaims.Email)?.Value, user.FindFirst(TalentNetClaims.Subject)?.Value, DevTokenLifetime)
            : null;
}
