using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.OpenApi;

namespace TalentNet.Messaging.AsyncApi;

/// <summary>Serves the service's AsyncAPI document beside its OpenAPI document, readable by the same callers as Swagger.</summary>
internal sealed class AsyncApiEndpoint(AsyncApiDocument document, EventTypes events) : IEndpointContributor
{
    public const string Path = "/asyncapi/v1/asyncapi.json";

    private readonly Lazy<string> _json = new(() => document.ToJson(events).ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));

    public void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, () => Results.Text(_json.Value, "application/json"))
            .AsApiDocument(endpoints)
            .ExcludeFromDescription();
}
