using System.Collections;
using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace TalentNet.ServiceDefaults.Problems;

/// <summary>The most characters each item of a list, or each value of a map, may hold.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class EachMaxLengthAttribute(int length) : Attribute
{
    public int Length { get; } = length;
}

/// <summary>
/// Every limit on what a request may hold is declared once, on the request record or the handler's
/// parameter: <see cref="MaxLengthAttribute"/> on a string (characters), a list (items) or a map
/// (entries), <see cref="EachMaxLengthAttribute"/> on a list's items or a map's values. The OpenAPI
/// document shows them (maxLength, maxItems, maxProperties) and this checks them, before a handler
/// touches the database, so no single request can hold SQLite's one writer for long.
/// </summary>
public static class RequestMaxima
{
    private const int MaxDepth = 8;

    private static readonly ConcurrentDictionary<Type, BoundedProperty[]> Properties = new();

    /// <summary>Checks every declared maximum of a request record, its nested records included.</summary>
    public static Validation Maxima(this Validation validation, object? request, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(validation);
        Check(validation, request, prefix, 0);
        return validation;
    }

    /// <summary>An endpoint filter that answers 400 before the handler when a bound argument breaks its maximum.</summary>
    public static EndpointFilterDelegate Filter(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Services the handler is given (the database, the outbox) are not request data: their getters are never called.
        var services = context.ApplicationServices.GetService<IServiceProviderIsService>();
        var checks = context.MethodInfo.GetParameters()
            .Select((parameter, index) => (Parameter: parameter, Index: index, Limit: Limit.Of(parameter.GetCustomAttributes(true))))
            .Where(check => check.Limit.IsDeclared
                            || (IsRecord(check.Parameter.ParameterType) && services?.IsService(check.Parameter.ParameterType) != true
                                && BoundedProperties(check.Parameter.ParameterType).Length > 0))
            .ToArray();
        if (checks.Length == 0)
        {
            return next;
        }

        return async invocation =>
        {
            var validation = new Validation();
            foreach (var (parameter, index, limit) in checks)
            {
                var value = invocation.Arguments[index];
                if (limit.IsDeclared)
                {
                    limit.Check(validation, WireName(parameter), value, 0);
                }
                else
                {
                    Check(validation, value, "", 0);
                }
            }

            return validation.IsValid ? await next(invocation) : validation.ToProblem();
        };
    }

    /// <summary>The name the client sent the value under: a header's or query's own name, else the parameter's.</summary>
    private static string WireName(ParameterInfo parameter) =>
        parameter.GetCustomAttributes(true).OfType<IFromHeaderMetadata>().FirstOrDefault()?.Name
        ?? parameter.GetCustomAttributes(true).OfType<IFromQueryMetadata>().FirstOrDefault()?.Name
        ?? parameter.GetCustomAttributes(true).OfType<IFromRouteMetadata>().FirstOrDefault()?.Name
        ?? parameter.Name
        ?? "value";

    private static void Check(Validation validation, object? value, string prefix, int depth)
    {
        if (value is null || depth > MaxDepth || !IsRecord(value.GetType()))
        {
            return;
        }

        foreach (var property in BoundedProperties(value.GetType()))
        {
            property.Limit.Check(validation, prefix + property.Name, property.Info.GetValue(value), depth);
        }
    }

    private static BoundedProperty[] BoundedProperties(Type type) => Properties.GetOrAdd(type, static type =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.GetIndexParameters().Length == 0)
            .Select(property => new BoundedProperty(
                property,
                property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name),
                Limit.Of(property.GetCustomAttributes(true))))
            .Where(property => property.Limit.IsDeclared || IsRecord(property.Info.PropertyType) || IsRecord(ElementType(property.Info.PropertyType)))]);

    /// <summary>Our own request shapes; framework and primitive types hold no declared maxima.</summary>
    private static bool IsRecord(Type? type) =>
        type is { IsClass: true } && type != typeof(string) && type.Namespace?.StartsWith("TalentNet", StringComparison.Ordinal) == true;

    private static Type? ElementType(Type type) =>
        type == typeof(string) ? null : type.GetInterfaces().Append(type)
            .FirstOrDefault(candidate => candidate.IsGenericType && candidate.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private sealed record BoundedProperty(PropertyInfo Info, string Name, Limit Limit);

    private sealed record Limit(int? Max, int? Each)
    {
        public bool IsDeclared => Max is not null || Each is not null;

        public static Limit Of(object[] attributes) => new(
            attributes.OfType<MaxLengthAttribute>().FirstOrDefault()?.Length ?? attributes.OfType<StringLengthAttribute>().FirstOrDefault()?.MaximumLength,
            attributes.OfType<EachMaxLengthAttribute>().FirstOrDefault()?.Length);

        public void Check(Validation validation, string field, object? value, int depth)
        {
            switch (value)
            {
                case null:
                    return;
                case string text:
                    if (text.Length > Max)
                    {
                        validation.Add(field, $"At most {Max} characters.");
                    }

                    return;
                case IDictionary map:
                    if (map.Count > Max)
                    {
                        validation.Add(field, $"At most {Max} entries.");
                        return;
                    }

                    foreach (DictionaryEntry entry in map)
                    {
                        CheckItem(validation, $"{field}.{Shorten(entry.Key.ToString())}", entry.Value, depth);
                    }

                    return;
                case IEnumerable items:
                    var list = items.Cast<object?>().Take((Max ?? int.MaxValue - 1) + 1).ToList();
                    if (list.Count > Max)
                    {
                        validation.Add(field, $"At most {Max} items.");
                        return;
                    }

                    for (var index = 0; index < list.Count; index++)
                    {
                        CheckItem(validation, $"{field}[{index}]", list[index], depth);
                    }

                    return;
                default:
                    RequestMaxima.Check(validation, value, field + ".", depth + 1);
                    return;
            }
        }

        private void CheckItem(Validation validation, string field, object? item, int depth)
        {
            if (item is string text)
            {
                if (text.Length > Each)
                {
                    validation.Add(field, $"At most {Each} characters.");
                }
            }
            else
            {
                RequestMaxima.Check(validation, item, field + ".", depth + 1);
            }
        }

        private static string Shorten(string? key) => key is { Length: > 50 } ? key[..50] + "…" : key ?? "";
    }
}
