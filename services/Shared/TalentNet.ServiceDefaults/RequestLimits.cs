using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TalentNet.ServiceDefaults;

/// <summary>Bound from <c>Limits</c>.</summary>
public sealed class RequestLimitOptions : ICheckedOptions
{
    public const string Section = "Limits";

    public long MaxBodyBytes { get; set; } = 1_048_576;

    /// <summary>Requests per caller (token subject, API key or client address) per window.</summary>
    public int PermitsPerWindow { get; set; } = 600;

    public int WindowSeconds { get; set; } = 60;

    public IEnumerable<string> Problems()
    {
        if (MaxBodyBytes < 1)
        {
            yield return $"{Section}:MaxBodyBytes must be positive.";
        }

        if (PermitsPerWindow < 1)
        {
            yield return $"{Section}:PermitsPerWindow must be positive.";
        }

        if (WindowSeconds < 1)
        {
            yield return $"{Section}:WindowSeconds must be positive.";
        }
    }
}

internal static class RequestLimits
{
    public static IServiceCollection AddTalentNetRateLimiting(this IServiceCollection services, RequestLimitOptions limits)
    {
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                RateLimitPartition.GetFixedWindowLimiter(
                    context.User.Identity?.Name ?? context.Connection.RemoteIpAddress?.ToString() ?? "anonymous",
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = limits.PermitsPerWindow,
                        Window = TimeSpan.FromSeconds(limits.WindowSeconds),
                        QueueLimit = 0,
                    }));
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                    ? (int)Math.Ceiling(wait.TotalSeconds)
                    : limits.WindowSeconds;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests.",
                        Detail = $"Retry after {retryAfter} seconds.",
                    },
                });
            };
        });
        return services;
    }

    public static RequestLimitOptions Read(IConfiguration configuration) =>
        configuration.BindChecked<RequestLimitOptions>(RequestLimitOptions.Section);
}
