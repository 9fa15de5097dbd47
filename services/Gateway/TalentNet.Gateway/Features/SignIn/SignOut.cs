using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace TalentNet.Gateway.Features.SignIn;

/// <summary>POST /sign-out: ends the session (at the identity provider too, when there is one).</summary>
public static class SignOut
{
    public static void Map(WebApplication app) =>
        app.MapPost("/sign-out", Handle)
            .WithName("SignOut")
            .WithSummary("End the session")
            .WithTags("Sign-in")
            .AllowAnonymous();

    public static async Task<IResult> Handle(HttpContext http, SignInOptions options)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return options.UsesOpenIdConnect
            ? TypedResults.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIdConnectDefaults.AuthenticationScheme])
            : TypedResults.LocalRedirect("/");
    }
}
