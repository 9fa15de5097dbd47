using Microsoft.AspNetCore.Builder;

namespace TalentNet.ServiceDefaults.OpenApi;

/// <summary>
/// Marks an endpoint that a person outside the company calls with a session cookie of its own (the
/// alumni page), not with a TalentNet token or API key: the OpenAPI document names the cookie and
/// how it is obtained under <c>x-session-cookie</c>, with the 401 it answers without one.
/// </summary>
public sealed record SessionCookie(string Name, string HowToObtain);

public static class SessionCookieExtensions
{
    public static TBuilder WithSessionCookie<TBuilder>(this TBuilder endpoint, SessionCookie cookie)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(cookie);
}
