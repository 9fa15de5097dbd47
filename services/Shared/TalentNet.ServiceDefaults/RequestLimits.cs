using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
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

    /// <summary>
    /// Proxies (addresses like <c>10.0.0.5</c> or networks like <c>10.0.0.0/8</c>) whose
    /// <c>X-Forwarded-For</c> is believed. From anyone else the header is ignored, so a caller cannot
    /// pick a fresh rate-limit partition by inventing an address.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    public IEnumerable<string> Problems()
    {
        foreach (var proxy in TrustedProxies.Where(proxy => !System.Net.IPNetwork.TryParse(proxy, out _) && !IPAddress.TryParse(proxy, out _)))
        {
            yield return $"{Section}:TrustedProxies: '{proxy}' is neither an IP address nor a network (address/prefix).";
        }

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
                    Partition(context),
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

    /// <summary>
    /// Whom a request counts against. The limiter runs after authentication and before
    /// authorization, so a rejected token or a 403 counts too: a verified caller by token subject
    /// (an API key's subject names the key), anyone else by client address.
    /// </summary>
    internal static string Partition(HttpContext context) =>
        context.User.FindFirst(Auth.TalentNetClaims.Subject)?.Value is { Length: > 0 } subject
            ? $"sub:{subject}"
            : $"ip:{context.Connection.RemoteIpAddress?.ToString() ?? "unknown"}";

    /// <summary><c>X-Forwarded-For</c> and <c>-Proto</c> from the configured proxies only.</summary>
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, RequestLimitOptions limits) =>
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = null;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in limits.TrustedProxies)
            {
                if (IPAddress.TryParse(proxy, out var address))
                {
                    options.KnownProxies.Add(address);
                }
                else
                {
                    options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy));
                }
            }
        });

    public static RequestLimitOptions Read(IConfiguration configuration) =>
        configuration.BindChecked<RequestLimitOptions>(RequestLimitOptions.Section);
}
