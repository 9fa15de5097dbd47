using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace TalentNet.ServiceDefaults.OpenApi;

/// <summary>A tag with the sentence that describes it in the OpenAPI document.</summary>
public sealed record TagDescription(string Name, string Description);

/// <summary>The body is a JSON merge patch (RFC 7396) of the given fields.</summary>
public sealed record MergePatchOf(Type Fields);

public static class OpenApiMetadata
{
    public const string MergePatchContentType = "application/merge-patch+json";

    /// <summary>The JSON names of a record's fields, as requests and responses spell them.</summary>
    public static IReadOnlyList<string> FieldNames<TFields>() =>
        [.. typeof(TFields).GetProperties().Select(property => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(property.Name))];

    /// <summary>
    /// Makes a documented API group: tags every endpoint and describes the tag once, and enforces the
    /// request maxima the group's records and parameters declare (what the document shows is what holds).
    /// </summary>
    public static RouteGroupBuilder WithDescribedTag(this RouteGroupBuilder group, string name, string description)
    {
        group.WithTags(name).WithMetadata(new TagDescription(name, description)).AddEndpointFilterFactory(Problems.RequestMaxima.Filter);
        return group;
    }

    /// <summary>Documents the body as <c>application/merge-patch+json</c> with the fields' real types.</summary>
    public static RouteHandlerBuilder AcceptsMergePatch<TFields>(this RouteHandlerBuilder endpoint) =>
        endpoint.WithMetadata(new MergePatchOf(typeof(TFields)));
}
