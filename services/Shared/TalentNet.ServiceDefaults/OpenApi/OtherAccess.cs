using Microsoft.AspNetCore.Builder;

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
    public static TBuilder WithSessionCookie<TBuilder>(this TBuilder endpoint, SessionCookie cookie)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(cookie);

    public static RouteHandlerBuilder Public(this RouteHandlerBuilder endpoint, string why) =>
        endpoint.AllowAnonymous().WithMetadata(new PublicEndpoint(why));
}
