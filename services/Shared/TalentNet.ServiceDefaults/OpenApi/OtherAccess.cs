using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace TalentNet.ServiceDefaults.OpenApi;

/// <summary>
/// Marks an endpoint that a person outside the company calls with a session cookie of its own (the
/// alumni page), not with a TalentNet token or API key: the OpenAPI document names the cookie and
/// how it is obtained under <c>x-session-cookie</c>, with the 401 it answers without one.
/// </summary>
public sealed record SessionCookie(string Name, string HowToObtain);

/// <summary>
/// Marks an endpoint open to anyone on purpose (asking for a sign-in link): the OpenAPI document says
/// why under <c>x-public</c>, and what keeps it from being abused.
/// </summary>
public sealed record PublicEndpoint(string Why);

public static class OtherAccessExtensions
{
    /// <summary>Documents the cookie as a security scheme of the service's OpenAPI document (endpoints name it with <see cref="WithSessionCookie"/>).</summary>
    public static IServiceCollection AddSessionCookieScheme(this IServiceCollection services, SessionCookie cookie)
    {
        ArgumentNullException.ThrowIfNull(cookie);
        return services.Configure<SwaggerGenOptions>(options => options.AddSecurityDefinition(cookie.Name, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = cookie.Name,
            Description = $"A session cookie: {cookie.HowToObtain}.",
        }));
    }

    public static TBuilder WithSessionCookie<TBuilder>(this TBuilder endpoint, SessionCookie cookie)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(cookie);

    public static RouteHandlerBuilder Public(this RouteHandlerBuilder endpoint, string why) =>
        endpoint.AllowAnonymous().WithMetadata(new PublicEndpoint(why));
}
