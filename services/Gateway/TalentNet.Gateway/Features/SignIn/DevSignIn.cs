using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;

namespace TalentNet.Gateway.Features.SignIn;

/// <summary>
/// GET /dev/sign-in?role=hr&amp;returnUrl=/: signs a developer in with one role, without an identity
/// provider. Mapped in Development only; every other environment answers 404.
/// </summary>
public static class DevSignIn
{
    public static void Map(WebApplication app) =>
        app.MapGet("/dev/sign-in", Handle)
            .WithName("DevSignIn")
            .WithSummary("Development only: sign in as a developer with one role")
            .WithTags("Sign-in")
            .AllowAnonymous()
            .ProducesValidationProblem();

    public static async Task<IResult> Handle(string? role, [MaxLength(Lengths.Email)] string? email, string? returnUrl, HttpContext http)
    {
        var validation = new Validation()
            .OneOf("role", role, Roles.All)
            .Email("email", email, required: false)
            .Check(returnUrl is null || IsLocal(returnUrl), "returnUrl", "A path on this gateway, such as /.");
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(TalentNetClaims.Subject, $"dev-{role}"),
                new Claim(TalentNetClaims.Name, $"Developer ({role})"),
                new Claim(TalentNetClaims.Role, role!),
                .. email is null ? Array.Empty<Claim>() : [new Claim(TalentNetClaims.Email, Validation.NormalizeEmail(email))],
            ],
            CookieAuthenticationDefaults.AuthenticationScheme, TalentNetClaims.Name, TalentNetClaims.Role);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return TypedResults.LocalRedirect(returnUrl ?? "/");
    }

    /// <summary>Only a path on this host: never an open redirect.</summary>
    internal static bool IsLocal(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);
}
