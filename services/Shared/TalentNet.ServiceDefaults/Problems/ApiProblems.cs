using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace TalentNet.ServiceDefaults.Problems;

/// <summary>The error answers features give, each as RFC 9457 problem details.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult NotFound(string resource, object id) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: $"{resource} not found.",
            detail: $"No {resource.ToLowerInvariant()} has id '{id}'.");

    /// <summary>409, with a link to the resource that already holds the key when there is one.</summary>
    public static ProblemHttpResult Conflict(string detail, string? existing = null) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "The request conflicts with the current state.",
            detail: detail,
            extensions: existing is null ? null : new Dictionary<string, object?> { ["existing"] = existing });

    /// <summary>422: the request is well-formed but the resource's state does not allow it.</summary>
    public static ProblemHttpResult InvalidTransition(string detail) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "The change is not allowed in the current state.",
            detail: detail);

    /// <summary>422: the request names a person erased at their request (the suppression list).</summary>
    public static ProblemHttpResult Suppressed(string detail) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "The person was erased at their request.",
            detail: detail);

    /// <summary>412: the client's If-Match no longer names the current version.</summary>
    public static ProblemHttpResult StaleVersion(string current) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status412PreconditionFailed,
            title: "The resource changed since you read it.",
            detail: "Read it again and retry with the new ETag.",
            extensions: new Dictionary<string, object?> { ["currentETag"] = current });

    /// <summary>
    /// Before changing a versioned resource: refuses with 404 when it is missing and 412 when
    /// If-Match names another version; otherwise the change may go ahead.
    /// </summary>
    public static bool Refuses<T>(
        [NotNullWhen(false)] T? current, string resource, object id, Func<T, int> version, string? ifMatch,
        [NotNullWhen(true)] out ProblemHttpResult? refusal)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(version);
        refusal = current is null ? NotFound(resource, id)
            : !ETags.IsCurrent(ifMatch, version(current)) ? StaleVersion(ETags.For(version(current)))
            : null;
        return refusal is not null;
    }

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: "You may not act on this resource.",
            detail: detail);
}
