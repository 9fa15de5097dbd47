using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using TalentNet.ServiceDefaults.Problems;

namespace TalentNet.Gateway.Features.SignIn;

/// <summary>GET /sign-in?returnUrl=: through the identity provider; in Development without one, the dev sign-in as HR.</summary>
public static class SignIn
{
    public static void Map(WebApplication app) =>
        app.MapGet("/sign-in", Handle)
            .WithName("SignIn")
            .WithSummary("Sign in through the identity provider (in Development without one: the dev sign-in as HR)")
            .WithTags("Sign-in")
            .AllowAnonymous()
            .ProducesValidationProblem();

    public static IResult Handle(string? returnUrl, SignInOptions options)
    {
        if (returnUrl is not null && !DevSignIn.IsLocal(returnUrl))
        {
            return new Validation().Add("returnUrl", "A path on this gateway, such as /.").ToProblem();
        }

        var target = returnUrl ?? "/";
        return options.UsesOpenIdConnect
            ? TypedResults.Challenge(new AuthenticationProperties { RedirectUri = target }, [OpenIdConnectDefaults.AuthenticationScheme])
            : TypedResults.LocalRedirect($"/dev/sign-in?role=hr&returnUrl={Uri.EscapeDataString(target)}");
    }
}
