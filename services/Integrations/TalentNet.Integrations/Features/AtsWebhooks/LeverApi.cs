using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace TalentNet.Integrations.Features.AtsWebhooks;

/// <summary>Reads from Lever's REST API (v1) what its webhooks leave out: the opportunity and its posting.</summary>
public sealed class LeverApi(HttpClient http)
{
    public const string ClientName = "lever";

    /// <summary>Sets the base address, time-out and basic authentication (the API key as user name) on Lever's client.</summary>
    public static void Configure(HttpClient http, LeverSettings settings)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(settings);
        http.BaseAddress = settings.ApiUrl;
        http.Timeout = settings.ApiTimeout;
        if (settings.ApiKey is { Length: > 0 } key)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{key}:")));
        }
    }

    /// <summary>The opportunity with its stage and applications expanded; null when Lever has none by that id.</summary>
    public Task<JsonDocument?> OpportunityAsync(string id, CancellationToken cancellationToken) =>
        GetAsync($"opportunities/{Uri.EscapeDataString(id)}?expand=stage&expand=applications", cancellationToken);

    public Task<JsonDocument?> PostingAsync(string id, CancellationToken cancellationToken) =>
        GetAsync($"postings/{Uri.EscapeDataString(id)}", cancellationToken);

    private async Task<JsonDocument?> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Lever answered {(int)response.StatusCode} to GET {path.Split('?')[0]}.", null, response.StatusCode);
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
    }
}
