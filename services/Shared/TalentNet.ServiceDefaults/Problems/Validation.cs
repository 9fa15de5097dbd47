using System.Net.Mail;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Contracts;

namespace TalentNet.ServiceDefaults.Problems;

/// <summary>
/// Collects field errors for a request and turns them into a 400 validation problem.
/// Field names are the JSON (camelCase) names the client sent.
/// </summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    /// <summary>The messages per field, for callers that report them otherwise than as a 400 (an import's row errors).</summary>
    public IEnumerable<(string Field, IReadOnlyList<string> Messages)> Errors =>
        _errors.Select(pair => (pair.Key, (IReadOnlyList<string>)pair.Value));

    public Validation Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
        return this;
    }

    public Validation Required(string field, string? value, int maxLength = Lengths.Name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Add(field, "Required.");
        }

        return MaxLength(field, value, maxLength);
    }

    public Validation Required<T>(string field, T? value)
        where T : struct =>
        value is null ? Add(field, "Required.") : this;

    public Validation MaxLength(string field, string? value, int maxLength)
    {
        if (value is not null && value.Length > maxLength)
        {
            Add(field, $"At most {maxLength} characters.");
        }

        return this;
    }

    public Validation Email(string field, string? value, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? Add(field, "Required.") : this;
        }

        return IsEmail(value) ? MaxLength(field, value, Lengths.Email) : Add(field, "Not a valid email address.");
    }

    public Validation Url(string field, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value)
            && (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
        {
            Add(field, "Not an absolute http(s) URL.");
        }

        return MaxLength(field, value, Lengths.Url);
    }

    public Validation OneOf(string field, string? value, IReadOnlyCollection<string> allowed, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? Add(field, "Required.") : this;
        }

        return allowed.Contains(value)
            ? this
            : Add(field, $"Must be one of: {string.Join(", ", allowed)}.");
    }

    /// <summary>A text filter that must be a wire name of <typeparamref name="TEnum"/>.</summary>
    public Validation OneOf<TEnum>(string field, string? value, bool required = true)
        where TEnum : struct, Enum => OneOf(field, value, Wire<TEnum>.Names, required);

    /// <summary>Flags every field of a merge patch that is not one of the patchable ones.</summary>
    public Validation OnlyFields(IEnumerable<string> given, IReadOnlyCollection<string> patchable)
    {
        ArgumentNullException.ThrowIfNull(given);
        foreach (var unknown in given.Except(patchable))
        {
            Add(unknown, $"Not a patchable field; use one of: {string.Join(", ", patchable)}.");
        }

        return this;
    }

    public Validation Check(bool condition, string field, string message) => condition ? this : Add(field, message);

    public ValidationProblem ToProblem() =>
        TypedResults.ValidationProblem(
            _errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray()),
            title: "One or more fields are invalid.");

    public static bool IsEmail(string value)
    {
        if (value.Length > Lengths.Email || value.Contains(' ', StringComparison.Ordinal))
        {
            return false;
        }

        return MailAddress.TryCreate(value, out var address) && address.Address == value && address.Host.Contains('.', StringComparison.Ordinal);
    }

    /// <summary>The form emails are stored and compared in.</summary>
    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();
}
