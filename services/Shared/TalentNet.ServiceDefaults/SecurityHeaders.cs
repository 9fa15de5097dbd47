using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace TalentNet.ServiceDefaults;

/// <summary>Bound from <c>Security</c>; checked at start.</summary>
public sealed class SecurityOptions : ICheckedOptions
{
    public const string Section = "Security";

    /// <summary>Send Strict-Transport-Security: set it where TLS is terminated in front of the service.</summary>
    public bool Hsts { get; set; }

    public int HstsMaxAgeDays { get; set; } = 365;

    public IEnumerable<string> Problems()
    {
        if (HstsMaxAgeDays < 1)
        {
            yield return $"{Section}:HstsMaxAgeDays must be at least 1.";
        }
    }
}

/// <summary>
/// Headers on every answer: no content sniffing, no framing, and no caching of API answers
/// (they hold personal data); HSTS when configured.
/// </summary>
internal static class SecurityHeaders
{
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<SecurityOptions>();
        var hsts = $"max-age={(options.HstsMaxAgeDays * 86400L).ToString(CultureInfo.InvariantCulture)}; includeSubDomains";
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
                {
                    headers.CacheControl = "no-store";
                }

                if (options.Hsts)
                {
                    headers.StrictTransportSecurity = hsts;
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }
}
