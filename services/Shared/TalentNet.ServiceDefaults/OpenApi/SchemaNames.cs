using Microsoft.AspNetCore.Http;

namespace TalentNet.ServiceDefaults.OpenApi;

/// <summary>
/// Short, stable schema ids: a type's own name, its outer type's name before words that say
/// nothing alone (<c>ChangeStage.Request</c> is <c>ChangeStageRequest</c>), and a page of items
/// named after the items (<c>PagedList&lt;CandidateResponse&gt;</c> is <c>CandidatePage</c>).
/// </summary>
public static class SchemaNames
{
    private static readonly HashSet<string> SaysNothingAlone = ["Request", "Response", "Body", "Row", "Result", "Patch", "Fields"];

    public static string For(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return For(underlying);
        }

        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            var arguments = string.Concat(type.GetGenericArguments().Select(For));
            return definition == typeof(PagedList<>) || definition == typeof(CursorPage<>)
                ? WithoutSuffix(arguments, "Response") + "Page"
                : arguments + definition.Name[..definition.Name.IndexOf('`', StringComparison.Ordinal)];
        }

        if (type.IsArray)
        {
            return For(type.GetElementType()!) + "List";
        }

        if (type == typeof(HttpValidationProblemDetails))
        {
            return "ValidationProblemDetails";
        }

        return type.DeclaringType is { } outer && SaysNothingAlone.Contains(type.Name) ? outer.Name + type.Name : type.Name;
    }

    private static string WithoutSuffix(string name, string suffix) =>
        name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.Ordinal) ? name[..^suffix.Length] : name;
}
