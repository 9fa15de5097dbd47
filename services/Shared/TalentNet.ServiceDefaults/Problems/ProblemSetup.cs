using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace TalentNet.ServiceDefaults.Problems;

internal static class ProblemSetup
{
    public static IServiceCollection AddTalentNetProblems(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= $"{context.HttpContext.Request.Method} {context.HttpContext.Request.Path}";
            context.ProblemDetails.Extensions.TryAdd("traceId", Activity.Current?.Id ?? context.HttpContext.TraceIdentifier);
        });
        services.AddExceptionHandler<TalentNetExceptionHandler>();

        // Binding failures (malformed JSON, wrong content type) are thrown so that the exception
        // handler can name the field; otherwise minimal APIs answer an empty 400.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary>Rejects a declared body larger than the limit before anything reads it.</summary>
    public static IApplicationBuilder UseBodySizeLimit(this IApplicationBuilder app, long maxBytes) =>
        app.Use((context, next) =>
        {
            if (context.Request.ContentLength > maxBytes)
            {
                throw new BadHttpRequestException(
                    $"The body is {context.Request.ContentLength} bytes; at most {maxBytes} are accepted.",
                    StatusCodes.Status413PayloadTooLarge);
            }

            var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
            if (feature is { IsReadOnly: false })
            {
                feature.MaxRequestBodySize = maxBytes;
            }
            else if (feature is null)
            {
                // Hosts without a server-side limit (e.g. in-memory test servers) still get one.
                context.Request.Body = new LengthLimitedStream(context.Request.Body, maxBytes);
            }

            return next(context);
        });
}
