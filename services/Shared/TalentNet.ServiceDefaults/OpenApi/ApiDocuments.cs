using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace TalentNet.ServiceDefaults.OpenApi;

/// <summary>
/// Who may read a service's OpenAPI and AsyncAPI documents: anyone in Development, a signed-in
/// caller elsewhere (they map every route and its rules), unless <c>OpenApi:Anonymous</c> says otherwise.
/// </summary>
public static class ApiDocuments
{
    public const string AnonymousSetting = "OpenApi:Anonymous";

    public static TBuilder AsApiDocument<TBuilder>(this TBuilder builder, IEndpointRouteBuilder endpoints)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var configuration = endpoints.ServiceProvider.GetRequiredService<IConfiguration>();
        var environment = endpoints.ServiceProvider.GetRequiredService<IHostEnvironment>();
        return configuration.GetValue<bool?>(AnonymousSetting) ?? environment.IsDevelopment() ? builder.AllowAnonymous() : builder;
    }
}
