using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace TalentNet.ServiceDefaults.OpenApi;

/// <summary>
/// Leaves schemas as validators and client generators read them: a reference wrapped in
/// <c>allOf</c> only to be nullable becomes <c>oneOf: [reference, null]</c> (a null value fails
/// <c>allOf</c> of an object), any other single-item <c>allOf</c> becomes the plain reference, and
/// schemas that no operation reaches any more are removed.
/// </summary>
internal sealed partial class TidySchemasFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        var schemas = swaggerDoc.Components?.Schemas;
        if (schemas is null)
        {
            return;
        }

        foreach (var name in schemas.Keys.ToList())
        {
            schemas[name] = Tidy(schemas[name]);
        }

        foreach (var operation in (swaggerDoc.Paths ?? []).Values.SelectMany(path => path.Operations?.Values.AsEnumerable() ?? []))
        {
            foreach (var media in (operation.RequestBody?.Content?.Values ?? []).Concat(
                (operation.Responses ?? []).Values.SelectMany(response => response.Content?.Values ?? [])))
            {
                if (media.Schema is { } schema)
                {
                    media.Schema = Tidy(schema);
                }
            }
        }

        RemoveUnreferenced(swaggerDoc, schemas);
    }

    private static IOpenApiSchema Tidy(IOpenApiSchema schema)
    {
        if (schema is not OpenApiSchema concrete)
        {
            return schema;
        }

        foreach (var property in (concrete.Properties ?? new Dictionary<string, IOpenApiSchema>()).Keys.ToList())
        {
            concrete.Properties![property] = Tidy(concrete.Properties[property]);
        }

        if (concrete.Items is { } items)
        {
            concrete.Items = Tidy(items);
        }

        if (concrete.AdditionalProperties is { } additional)
        {
            concrete.AdditionalProperties = Tidy(additional);
        }

        if (concrete.AllOf is not [OpenApiSchemaReference reference])
        {
            return concrete;
        }

        return concrete.Type is { } type && type.HasFlag(JsonSchemaType.Null)
            ? new OpenApiSchema { Description = concrete.Description, OneOf = [reference, new OpenApiSchema { Type = JsonSchemaType.Null }] }
            : reference;
    }

    private static void RemoveUnreferenced(OpenApiDocument document, IDictionary<string, IOpenApiSchema> schemas)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(References(writer => document.Paths?.SerializeAsV31(writer)));
        while (pending.TryPop(out var name))
        {
            if (reached.Add(name) && schemas.TryGetValue(name, out var schema))
            {
                foreach (var referenced in References(schema.SerializeAsV31))
                {
                    pending.Push(referenced);
                }
            }
        }

        foreach (var name in schemas.Keys.Where(name => !reached.Contains(name)).ToList())
        {
            schemas.Remove(name);
        }
    }

    private static IEnumerable<string> References(Action<IOpenApiWriter> serialize)
    {
        using var text = new StringWriter();
        serialize(new OpenApiJsonWriter(text));
        return Reference().Matches(text.ToString()).Select(match => match.Groups[1].Value);
    }

    [GeneratedRegex("\"#/components/schemas/([^\"]+)\"")]
    private static partial Regex Reference();
}
