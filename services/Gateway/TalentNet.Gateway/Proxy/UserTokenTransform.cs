using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace TalentNet.Gateway.Proxy;

/// <summary>Every proxied request carries the caller's own credential (<see cref="CallerCredential"/>).</summary>
internal sealed class UserTokenTransform(CallerCredential credential) : ITransformProvider
{
    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    /// <summary>The alumni page's own session cookie, set by the Alumni service and read by it alone.</summary>
    public const string AlumnusCookie = "TalentNet.Alumnus";

    public void Apply(TransformBuilderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.AddRequestTransform(transform => new ValueTask(credential.ApplyAsync(transform.HttpContext, transform.ProxyRequest)));
        if (context.Route.ClusterId == "alumni")
        {
            // The credential drops every cookie; the Alumni service gets back the one that is its own.
            context.AddRequestTransform(transform =>
            {
                if (transform.HttpContext.Request.Cookies.TryGetValue(AlumnusCookie, out var session) && !string.IsNullOrEmpty(session))
                {
                    transform.ProxyRequest.Headers.TryAddWithoutValidation("Cookie", $"{AlumnusCookie}={session}");
                }

                return ValueTask.CompletedTask;
            });
        }
    }
}
