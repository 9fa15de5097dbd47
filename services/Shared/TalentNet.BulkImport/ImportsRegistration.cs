using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TalentNet.ServiceDefaults;
using TalentNet.Storage;

namespace TalentNet.BulkImport;

public static class ImportsRegistration
{
    /// <summary>The import tables (in the service's own database), the spool, and the background reader.</summary>
    public static IServiceCollection AddImports(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        var options = configuration.BindChecked<ImportOptions>(ImportOptions.Section);
        services.AddSingleton(options);
        services.AddSingleton(new ImportSpool(options.SpoolFor(serviceName)));
        services.AddSingleton(new MigrationModule("imports", typeof(ImportsRegistration).Assembly, Order: 20));
        services.AddSingleton<ImportRunner>();
        services.AddHostedService(provider => provider.GetRequiredService<ImportRunner>());
        return services;
    }
}
