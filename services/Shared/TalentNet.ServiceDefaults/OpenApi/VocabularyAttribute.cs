using System.Reflection;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace TalentNet.ServiceDefaults.OpenApi;

/// <summary>
/// Documents a text query filter as the vocabulary enum it takes. Minimal APIs bind enums by their
/// CLR names, not their wire names, so such filters arrive as text and are checked with
/// <c>Validation.OneOf&lt;TEnum&gt;</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class VocabularyAttribute<TEnum> : Attribute, IVocabulary
    where TEnum : struct, Enum
{
    public Type EnumType => typeof(TEnum);
}

internal interface IVocabulary
{
    Type EnumType { get; }
}

internal sealed class VocabularyParameterFilter : IParameterFilter
{
    public void Apply(IOpenApiParameter parameter, ParameterFilterContext context)
    {
        if (parameter is OpenApiParameter concrete
            && context.ParameterInfo?.GetCustomAttributes().OfType<IVocabulary>().FirstOrDefault() is { } vocabulary)
        {
            concrete.Schema = context.SchemaGenerator.GenerateSchema(vocabulary.EnumType, context.SchemaRepository);
        }
    }
}
