using System.ComponentModel.DataAnnotations;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using TalentNet.ServiceDefaults.Problems;

namespace TalentNet.ServiceDefaults.OpenApi;

/// <summary>
/// Shows the maxima <see cref="RequestMaxima"/> enforces where Swashbuckle does not: a map's entries
/// (maxProperties rather than maxLength) and the length of a list's items or a map's values.
/// </summary>
internal sealed class MaximaSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema concrete)
        {
            return;
        }

        var attributes = context.MemberInfo?.GetCustomAttributes(true) ?? context.ParameterInfo?.GetCustomAttributes(true) ?? [];
        if (attributes.OfType<MaxLengthAttribute>().FirstOrDefault() is { } max && concrete.AdditionalProperties is not null)
        {
            concrete.MaxProperties = max.Length;
            concrete.MaxLength = null;
        }

        if (attributes.OfType<EachMaxLengthAttribute>().FirstOrDefault() is { } each)
        {
            foreach (var inner in new[] { concrete.Items, concrete.AdditionalProperties }.OfType<OpenApiSchema>())
            {
                inner.MaxLength = each.Length;
            }
        }
    }
}
