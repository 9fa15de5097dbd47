using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using TalentNet.ServiceDefaults.Auth;

namespace TalentNet.Gateway.Proxy;

/// <summary>
/// What a call from the gateway to a service carries: the tool's own token or API key untouched,
/// or, for a signed-in person, that person's own bearer token (the identity provider's access
/// token, or in Development one minted for them with the dev key, valid for minutes). Never the
/// session cookie, never a credential of the gateway's own.
/// </summary>
internal sealed class CallerCredential(AuthOptions tokens, SignInOptions signIn)
{
    private static readonly TimeSpan DevTokenLifetime = TimeSpan.FromMinutes(5);

    public async Task ApplyAsync(HttpContext http, HttpRequestMessage outgoing)
    {
        outgoing.Headers.Remove("Cookie");
        if (GatewayApi.CarriesOwnCredential(http.Request))
        {
            CopyOwnCredential(http.Request, outgoing);
            return;
        }

        if (http.User.Identity?.IsAuthenticated != true)
        {
            return;
        }

        var token = signIn.UsesOpenIdConnect
            ? await http.GetTokenAsync(CookieAuthenticationDefaults.AuthenticationScheme, "access_token")
            : MintFor(http.User);
        if (token is not null)
        {
            outgoing.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    /// <summary>A proxied request has the caller's headers already; a composed call copies them.</summary>
    private static void CopyOwnCredential(HttpRequest request, HttpRequestMessage outgoing)
    {
        foreach (var header in new[] { "Authorization", ApiKeyAuthenticationHandler.HeaderName })
        {
            if (request.Headers.TryGetValue(header, out var value) && !outgoing.Headers.Contains(header))
            {
                outgoing.Headers.TryAddWithoutValidation(header, value.ToArray());
            }
        }
    }

    private string? MintFor(ClaimsPrincipal user) =>
        user.FindFirst(TalentNetClaims.Role)?.Value is { } role
            ? DevTokens.Mint(tokens, role, user.FindFirst(TalentNetClaims.Email)?.Value, user.FindFirst(TalentNetClaims.Subject)?.Value, DevTokenLifetime)
            : null;
}
