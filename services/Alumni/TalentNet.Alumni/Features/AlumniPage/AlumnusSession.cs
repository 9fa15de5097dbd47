using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using TalentNet.ServiceDefaults.OpenApi;

namespace TalentNet.Alumni.Features.AlumniPage;

/// <summary>
/// The alumni page's sign-in: a cookie holding a signed session (see <see cref="AlumniLinks"/>) that
/// opening a personal link sets. HttpOnly, SameSite=Strict and refused for a write another site
/// started, so a page elsewhere cannot act in the alumnus's name; it names the alumnus and nothing else.
/// </summary>
public sealed class AlumnusSession(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AlumniLinks links, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "alumnus-session";

    public const string CookieName = "TalentNet.Alumnus";

    public const string AlumnusIdClaim = TalentNet.ServiceDefaults.Auth.TalentNetClaims.AlumnusId;

    public static readonly SessionCookie Documented = new(CookieName, "POST /api/alumni-links/{token}/redeem with the token from a personal link");

    /// <summary>Only a signed-in alumnus, by this scheme alone (a staff token does not open the page).</summary>
    public static readonly AuthorizationPolicy Policy =
        new AuthorizationPolicyBuilder(SchemeName).RequireAuthenticatedUser().RequireClaim(AlumnusIdClaim).Build();

    public static Guid AlumnusId(HttpContext http) =>
        Guid.Parse(http?.User.FindFirst(AlumnusIdClaim)?.Value ?? throw new InvalidOperationException("No alumnus is signed in."));

    /// <summary>Signs the alumnus in on this browser until the session expires.</summary>
    public static DateTimeOffset SignIn(HttpContext http, AlumniLinks links, AlumniOptions options, Guid alumnusId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(options);
        var expiresAt = now + options.Links.SessionLifetime;
        http.Response.Cookies.Append(CookieName, links.Session(alumnusId, expiresAt), Cookie(http, expiresAt));
        return expiresAt;
    }

    public static void SignOut(HttpContext http) => http?.Response.Cookies.Delete(CookieName, Cookie(http, null));

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Cookies.TryGetValue(CookieName, out var token) || string.IsNullOrEmpty(token))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!links.TryReadSession(token, clock.GetUtcNow(), out var alumnusId))
        {
            return Task.FromResult(AuthenticateResult.Fail("The alumni session has expired or is not valid."));
        }

        // SameSite=Strict keeps the cookie off other sites' requests; a browser that says a write came
        // from elsewhere is refused all the same (older browsers, sibling subdomains).
        var site = Request.Headers["Sec-Fetch-Site"].ToString();
        if (!HttpMethods.IsGet(Request.Method) && !HttpMethods.IsHead(Request.Method) && site is "cross-site" or "same-site")
        {
            return Task.FromResult(AuthenticateResult.Fail("A change on the alumni page must come from the page itself."));
        }

        var identity = new ClaimsIdentity([new Claim(AlumnusIdClaim, alumnusId.ToString())], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    private static CookieOptions Cookie(HttpContext http, DateTimeOffset? expiresAt) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        // Behind the gateway TLS ends in front of it: the forwarded scheme says whether the browser used https.
        Secure = http.Request.IsHttps || string.Equals(http.Request.Headers["X-Forwarded-Proto"], "https", StringComparison.OrdinalIgnoreCase),
        Path = "/",
        Expires = expiresAt,
        IsEssential = true,
    };
}
