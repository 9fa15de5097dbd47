using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using TalentNet.Contracts;

namespace TalentNet.ServiceDefaults.Problems;

/// <summary>
/// Turns every exception that escapes an endpoint into RFC 9457 problem details: request errors
/// keep their status (400 malformed JSON, 413 too large, 415 wrong content type), anything else is
/// a 500 that names no internals.
/// </summary>
internal sealed class TalentNetExceptionHandler(IProblemDetailsService problems, ILogger<TalentNetExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException bad => FromBadRequest(bad),
            JsonException json => BodyProblem(StatusCodes.Status400BadRequest, json),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested =>
                new ProblemDetails { Status = 499, Title = "Client closed the request." },
            _ => null,
        };

        if (problem is null)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "An unexpected error occurred.",
                Detail = "The error was logged; quote the traceId when reporting it.",
            };
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails FromBadRequest(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException json)
        {
            return BodyProblem(exception.StatusCode, json);
        }

        return new ProblemDetails
        {
            Status = exception.StatusCode,
            Title = exception.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
                StatusCodes.Status415UnsupportedMediaType => "Unsupported content type; send application/json.",
                _ => "The request is invalid.",
            },
            Detail = exception.Message,
        };
    }

    private static ValidationProblemDetails BodyProblem(int status, JsonException json)
    {
        var field = JsonPathToField(json.Path);
        return new ValidationProblemDetails(new Dictionary<string, string[]>
        {
            [field] = [json switch
            {
                UnknownWireValueException => json.Message,
                { Path: null } => "The body is not valid JSON.",
                _ => "The value is not valid for this field.",
            }],
        })
        {
            Status = status,
            Title = "The request body could not be read.",
            Detail = json.Path is null
                ? "The body is not valid JSON."
                : $"The value at '{json.Path}' is missing, malformed or of the wrong type.",
        };
    }

    private static string JsonPathToField(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        var trimmed = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return string.IsNullOrEmpty(trimmed) ? "body" : trimmed;
    }
}
