using TalentNet.ServiceDefaults.Auth;

namespace TalentNet.Gateway.Features.SignIn;

/// <summary>GET /api/me: who is signed in, so that the web app can show it and offer what the roles allow.</summary>
public static class WhoAmI
{
    public sealed record Response(string Subject, string Name, string? Email, IReadOnlyList<string> Roles);

    public static void Map(WebApplication app) =>
        app.MapGet("/api/me", Handle)
            .WithName("WhoAmI")
            .WithSummary("The signed-in person (or calling tool) and their roles")
            .WithTags("Sign-in");

    public static Response Handle(HttpContext http)
    {
        var user = http.User;
        var roleType = user.Identities.FirstOrDefault(identity => identity.IsAuthenticated)?.RoleClaimType ?? TalentNetClaims.Role;
        return new Response(
            user.FindFirst(TalentNetClaims.Subject)?.Value ?? http.Actor(),
            user.Identity?.Name ?? http.Actor(),
            http.Email(),
            [.. user.FindAll(roleType).Select(claim => claim.Value).Distinct()]);
    }
}
