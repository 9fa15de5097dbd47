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

    public void Apply(TransformBuilderContext context) =>
        context.AddRequestTransform(transform => new ValueTask(credential.ApplyAsync(transform.HttpContext, transform.ProxyRequest)));
}
