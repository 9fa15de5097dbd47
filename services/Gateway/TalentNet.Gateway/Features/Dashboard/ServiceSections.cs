using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Primitives;
using TalentNet.Gateway.Proxy;
using Yarp.ReverseProxy;

namespace TalentNet.Gateway.Features.Dashboard;

/// <summary>
/// Fetches each service's dashboard section with the caller's own credential, at the addresses the
/// proxy routes to (one place configures them: ReverseProxy:Clusters).
/// </summary>
internal sealed class ServiceSections(IHttpClientFactory clients, IProxyStateLookup proxy, CallerCredential credential)
{
    public const string ClientName = "dashboard";

    /// <summary>A service's answer: its JSON section, or the status it refused or failed with.</summary>
    public sealed record Section(string Service, HttpStatusCode Status, JsonElement? Body);

    public async Task<Section> FetchAsync(
        string service, string path, HttpContext http, IEnumerable<KeyValuePair<string, StringValues>> query, CancellationToken cancellationToken)
    {
        if (!proxy.TryGetCluster(service, out var cluster) || cluster.Destinations.Values.FirstOrDefault() is not { } destination)
        {
            return new Section(service, HttpStatusCode.ServiceUnavailable, null);
        }

        var address = new Uri(new Uri(destination.Model.Config.Address), path + QueryString.Create(query));
        using var request = new HttpRequestMessage(HttpMethod.Get, address);
        await credential.ApplyAsync(http, request);
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, cancellationToken);
            var body = response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true
                ? await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)
                : (JsonElement?)null;
            return new Section(service, response.StatusCode, body);
        }
        catch (HttpRequestException)
        {
            return new Section(service, HttpStatusCode.ServiceUnavailable, null);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Section(service, HttpStatusCode.GatewayTimeout, null);
        }
    }

    /// <summary>A composed answer needs every section: a caller refused by one is refused (its problem passed on), a service without an answer makes it 503.</summary>
    public static IResult? Refusal(IReadOnlyCollection<Section> sections, string what)
    {
        ArgumentNullException.ThrowIfNull(sections);
        if (sections.FirstOrDefault(section => section.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest) is { } refused)
        {
            return refused.Body is { } problem
                ? TypedResults.Json(problem, statusCode: (int)refused.Status, contentType: "application/problem+json")
                : TypedResults.StatusCode((int)refused.Status);
        }

        var failed = sections.Where(section => section.Status != HttpStatusCode.OK || section.Body is null).Select(section => section.Service).ToList();
        return failed.Count == 0
            ? null
            : TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: $"Part of {what} is unavailable.",
                detail: $"No answer from: {string.Join(", ", failed)}. Try again shortly.");
    }
}
