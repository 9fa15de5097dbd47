using TalentNet.ServiceDefaults.Problems;

namespace TalentNet.Gateway.Proxy;

/// <summary>
/// A write carried by the session cookie must come from this gateway's own pages: another site
/// could otherwise make a signed-in browser post to the services (cross-site request forgery).
/// Browsers say where a request comes from (<c>Sec-Fetch-Site</c>, else <c>Origin</c>); a cookie
/// write that says nothing, or names another site, is refused. Tools with a token are not affected.
/// </summary>
internal static class CrossSiteGuard
{
    public static async Task RefuseForgedWrites(HttpContext http, Func<Task> next)
    {
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method)
            || GatewayApi.CarriesOwnCredential(http.Request) || http.User.Identity?.IsAuthenticated != true || FromThisSite(http.Request))
        {
            await next();
            return;
        }

        await ApiProblems.Forbidden("A change sent with the session cookie must come from the TalentNet web app.").ExecuteAsync(http);
    }

    private static bool FromThisSite(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
        {
            return site == "same-origin";
        }

        return Uri.TryCreate(request.Headers.Origin.ToString(), UriKind.Absolute, out var origin)
            && string.Equals(origin.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
