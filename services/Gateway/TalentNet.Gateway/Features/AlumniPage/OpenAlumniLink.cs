using System.Net;
using Yarp.ReverseProxy;

namespace TalentNet.Gateway.Features.AlumniPage;

/// <summary>
/// GET /alumnus/link/{token}: the address in an alumnus's mail. A link that can still be opened gets
/// the alumni page (whose button opens it: fetching the link, as mail scanners do, uses nothing up);
/// one that cannot gets a plain page that says why, with its status (404, 410), and never any data.
/// </summary>
internal static class OpenAlumniLink
{
    public const string ClientName = "alumni-links";

    public static void Map(WebApplication app, Func<HttpContext, IResult> page) =>
        app.MapGet("/alumnus/link/{token}", async (string token, HttpContext http, IHttpClientFactory clients, IProxyStateLookup proxy, CancellationToken cancellationToken) =>
            {
                // The link's secret is in the address: it goes nowhere else (no referrer, no cache).
                http.Response.Headers["Referrer-Policy"] = "no-referrer";
                http.Response.Headers.CacheControl = "no-store";
                var status = await CheckAsync(token, clients, proxy, cancellationToken);
                return status == HttpStatusCode.OK ? page(http) : Refusal(status);
            })
            .AllowAnonymous()
            .ExcludeFromDescription();

    private static async Task<HttpStatusCode> CheckAsync(string token, IHttpClientFactory clients, IProxyStateLookup proxy, CancellationToken cancellationToken)
    {
        if (!proxy.TryGetCluster("alumni", out var cluster) || cluster.Destinations.Values.FirstOrDefault() is not { } destination)
        {
            return HttpStatusCode.ServiceUnavailable;
        }

        try
        {
            using var response = await clients.CreateClient(ClientName)
                .GetAsync(new Uri(new Uri(destination.Model.Config.Address), $"api/alumni-links/{Uri.EscapeDataString(token)}"), cancellationToken);
            return response.StatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return HttpStatusCode.ServiceUnavailable;
        }
    }

    private static IResult Refusal(HttpStatusCode status)
    {
        var (code, title, text) = status switch
        {
            HttpStatusCode.Gone => (410, "This link can no longer be opened", "The link has expired or has been used already. Each link opens your alumni page once."),
            HttpStatusCode.NotFound or HttpStatusCode.BadRequest => (404, "This is not a working link", "The link is not one we sent, or it was copied incompletely."),
            _ => (503, "The alumni page is not available just now", "Please try the link again in a few minutes; it has not been used."),
        };
        var html = $"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer"><title>{title} — TalentNet</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/site.css"></head>
            <body><main><h1>{title}</h1><p>{text}</p><p><a href="/alumnus">Ask for a new link</a></p></main></body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: code);
    }
}
