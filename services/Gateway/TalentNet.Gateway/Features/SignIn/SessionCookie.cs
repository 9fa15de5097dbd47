using Microsoft.AspNetCore.Authentication.Cookies;

namespace TalentNet.Gateway.Features.SignIn;

/// <summary>The signed-in person's session: HTTP-only, same-site, eight working hours at most.</summary>
internal static class SessionCookie
{
    public static void Configure(CookieAuthenticationOptions cookie)
    {
        cookie.Cookie.Name = "talentnet.session";
        cookie.Cookie.HttpOnly = true;
        // Lax, not Strict: the identity provider's redirect back to the gateway must carry it.
        cookie.Cookie.SameSite = SameSiteMode.Lax;
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
        cookie.SlidingExpiration = true;
        cookie.LoginPath = "/sign-in";
        cookie.AccessDeniedPath = "/";
        // A script or tool asking for data gets a status it can act on, not a login page.
        cookie.Events.OnRedirectToLogin = context => Answer(context, StatusCodes.Status401Unauthorized);
        cookie.Events.OnRedirectToAccessDenied = context => Answer(context, StatusCodes.Status403Forbidden);
    }

    private static Task Answer(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
