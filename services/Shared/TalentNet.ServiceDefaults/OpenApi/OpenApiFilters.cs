using System.Reflection;
using System.Text.Json;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace TalentNet.ServiceDefaults.OpenApi;

/// <summary>
/// Every property is always sent (nulls included), so a property whose type cannot be null is
/// required; one that can is nullable and optional.
/// </summary>
internal sealed class RequiredPropertiesFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties.Count: > 0 } concrete || context.Type is null)
        {
            return;
        }

        var nullability = new NullabilityInfoContext();
        foreach (var property in context.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            if (!concrete.Properties.ContainsKey(name))
            {
                continue;
            }

            var canBeNull = property.PropertyType.IsValueType
                ? Nullable.GetUnderlyingType(property.PropertyType) is not null
                : nullability.Create(property).ReadState != NullabilityState.NotNull;
            if (!canBeNull)
            {
                concrete.Required ??= new HashSet<string>(StringComparer.Ordinal);
                concrete.Required.Add(name);
            }
        }
    }
}

/// <summary>Documents a merge-patch body as <c>application/merge-patch+json</c> of its fields.</summary>
internal sealed class MergePatchOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<MergePatchOf>().FirstOrDefault() is not { } patch)
        {
            return;
        }

        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "A JSON merge patch (RFC 7396): fields present replace the stored ones, null clears a field that may be empty.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [OpenApiMetadata.MergePatchContentType] = new() { Schema = context.SchemaGenerator.GenerateSchema(patch.Fields, context.SchemaRepository) },
            },
        };
    }
}

/// <summary>Lists each tag the endpoints use, with its description.</summary>
internal sealed class TagDescriptionsFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        swaggerDoc.Tags = context.ApiDescriptions
            .SelectMany(api => api.ActionDescriptor.EndpointMetadata.OfType<TagDescription>())
            .DistinctBy(tag => tag.Name)
            .OrderBy(tag => tag.Name, StringComparer.Ordinal)
            .Select(tag => new OpenApiTag { Name = tag.Name, Description = tag.Description })
            .ToHashSet();
    }
}
