using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using TalentNet.ServiceDefaults.Auth;

namespace TalentNet.ServiceDefaults.OpenApi;

internal static class SwaggerSetup
{
    public const string BearerScheme = "Bearer";

    public static IServiceCollection AddTalentNetSwagger(this IServiceCollection services, string serviceName, Assembly api)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = $"TalentNet {serviceName} API",
                Version = "v1",
                Description = $"The {serviceName} service of TalentNet. Errors are RFC 9457 problem details.",
                License = new OpenApiLicense { Name = "MIT", Url = new Uri("https://opensource.org/license/mit") },
                Contact = new OpenApiContact { Name = "TalentNet maintainers" },
            });
            options.AddSecurityDefinition(BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = $"A JWT with a `role` claim ({string.Join(", ", Roles.All)}).",
            });
            options.AddSecurityDefinition(ApiKeyAuthenticationHandler.SchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.HeaderName,
                Description = "An integration's API key.",
            });
            options.OperationFilter<SecurityOperationFilter>();
            options.OperationFilter<MergePatchOperationFilter>();
            options.ParameterFilter<VocabularyParameterFilter>();
            options.SchemaFilter<RequiredPropertiesFilter>();
            options.SchemaFilter<MaximaSchemaFilter>();
            options.DocumentFilter<TagDescriptionsFilter>();
            options.DocumentFilter<TidySchemasFilter>();
            options.SupportNonNullableReferenceTypes();
            options.UseAllOfToExtendReferenceSchemas();
            options.CustomSchemaIds(SchemaNames.For);
            // Money is decimal: say so, so that generated clients do not turn amounts into doubles.
            options.MapType<decimal>(() => new OpenApiSchema { Type = JsonSchemaType.Number, Format = "decimal" });
            foreach (var assembly in new[] { api, typeof(SwaggerSetup).Assembly })
            {
                var xml = Path.Combine(AppContext.BaseDirectory, $"{assembly.GetName().Name}.xml");
                if (File.Exists(xml))
                {
                    options.IncludeXmlComments(xml);
                }
            }
        });
        return services;
    }

    /// <summary>Documents the auth requirement and its 401/403 answers on every protected operation.</summary>
    private sealed class SecurityOperationFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<SignedWebhook>().FirstOrDefault() is { } signed)
            {
                operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
                operation.Extensions["x-signature"] = new JsonNodeExtension(System.Text.Json.Nodes.JsonValue.Create(signed.HowToSign));
                return;
            }

            if (metadata.OfType<PublicEndpoint>().FirstOrDefault() is { } open)
            {
                operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
                operation.Extensions["x-public"] = new JsonNodeExtension(System.Text.Json.Nodes.JsonValue.Create(open.Why));
                return;
            }

            if (metadata.OfType<SessionCookie>().FirstOrDefault() is { } cookie)
            {
                operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
                operation.Extensions["x-session-cookie"] = new JsonNodeExtension(new System.Text.Json.Nodes.JsonObject
                {
                    ["name"] = cookie.Name,
                    ["obtainedBy"] = cookie.HowToObtain,
                });
                operation.Responses ??= new OpenApiResponses();
                operation.Responses.TryAdd("401", new OpenApiResponse { Description = $"No valid {cookie.Name} session cookie (problem details)." });
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(cookie.Name, context.Document)] = [] });
                return;
            }

            if (metadata.OfType<IAllowAnonymous>().Any())
            {
                return;
            }

            operation.Responses ??= new OpenApiResponses();
            operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No valid token or API key (problem details)." });
            var roles = metadata.OfType<AuthorizationPolicy>()
                .SelectMany(policy => policy.Requirements.OfType<Microsoft.AspNetCore.Authorization.Infrastructure.RolesAuthorizationRequirement>())
                .SelectMany(requirement => requirement.AllowedRoles)
                .Distinct()
                .ToList();
            if (roles.Count > 0)
            {
                operation.Responses.TryAdd("403", new OpenApiResponse { Description = "The caller's role is not allowed (problem details)." });
                operation.Description = $"{operation.Description}\n\nRoles: {string.Join(", ", roles)}.".Trim();
            }

            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [],
            });
            operation.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, context.Document)] = [],
            });
        }
    }
}
