using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace TalentNet.ServiceDefaults.Auth;

public static class AuthSetup
{
    private static readonly string[] LocalKeyAlgorithms = [SecurityAlgorithms.HmacSha256];

    private static readonly string[] AuthorityAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    /// <summary>
    /// JWT bearer tokens for people, API keys for integrations; every endpoint requires an
    /// authenticated caller unless it opts out (health, Swagger).
    /// </summary>
    public static IServiceCollection AddTalentNetAuth(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var options = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        options.IsDevelopment = environment.IsDevelopment();
        CheckedOptions.ThrowIfInvalid(options, AuthOptions.Section);
        var signingKey = DevTokens.SigningKey(options);

        services.AddSingleton(options);
        // Bearer tokens are the default; a request carrying an API key is handed to that scheme
        // by the bearer handler itself, which spares every other request a forwarding hop.
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddJwtBearer(jwt =>
            {
                jwt.ForwardDefaultSelector = context =>
                    context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName) ? ApiKeyAuthenticationHandler.SchemeName : null;
                jwt.MapInboundClaims = false;
                jwt.Events = new ValidatedTokenCache(TimeProvider.System).Events();
                jwt.Authority = string.IsNullOrWhiteSpace(options.Authority) ? null : options.Authority;
                jwt.Audience = options.Audience;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = string.IsNullOrWhiteSpace(options.Authority) ? options.Issuer : options.Authority,
                    ValidAudience = options.Audience,
                    IssuerSigningKey = signingKey,
                    ValidateIssuerSigningKey = true,
                    // Only what the signer uses: HMAC-SHA256 for the local key, an identity provider's
                    // asymmetric families otherwise (no "none", no HMAC with a public key).
                    ValidAlgorithms = string.IsNullOrWhiteSpace(options.Authority) ? LocalKeyAlgorithms : AuthorityAlgorithms,
                    NameClaimType = TalentNetClaims.Name,
                    RoleClaimType = TalentNetClaims.Role,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
            });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return services;
    }

    /// <summary>Restricts an endpoint (or group) to callers holding one of the roles; others get 403.</summary>
    public static TBuilder RequireRoles<TBuilder>(this TBuilder builder, params string[] roles)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(policy => policy.RequireAuthenticatedUser().RequireRole(roles));

    /// <summary>
    /// Need to know: HR and admins see why people left, HR's eligibility notes, exit-interview answers
    /// and managers' decline reasons; recruiters and tools see that someone is a former employee and
    /// whether rehire is eligible, never why.
    /// </summary>
    public static bool SeesPersonnelDetails(this HttpContext context) =>
        context is not null && (context.User.IsInRole(Roles.Hr) || context.User.IsInRole(Roles.Admin));

    /// <summary>The caller's email claim, used for object-level checks (e.g. a manager's own requests).</summary>
    public static string? Email(this HttpContext context) =>
        context.User.FindFirst(TalentNetClaims.Email)?.Value;

    /// <summary>Who acted: the token's name or subject, recorded in histories.</summary>
    public static string Actor(this HttpContext context) =>
        Problems.Lengths.Fit(context.User.Identity?.Name ?? context.User.FindFirst(TalentNetClaims.Subject)?.Value ?? "unknown", Problems.Lengths.Actor);
}
