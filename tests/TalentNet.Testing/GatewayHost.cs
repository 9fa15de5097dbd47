using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace TalentNet.Testing;

/// <summary>The gateway in an environment of the test's choosing, in front of the given service addresses.</summary>
public sealed class GatewayHost<TGateway>(string environment, IDictionary<string, string?> settings) : WebApplicationFactory<TGateway>
    where TGateway : class
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment(environment);
        // One signer: the local test key, unless the test gives the gateway an identity provider.
        if (!settings.ContainsKey("Auth:Authority"))
        {
            builder.UseSetting("Auth:SigningKey", TestAuth.SigningKey);
            builder.UseSetting("Auth:AllowSymmetricKey", "true");
        }

        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.Extensions.Hosting", "Critical");
        // Test key rings live in temporary directories, unencrypted on purpose.
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.DataProtection", "Error");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }

    /// <summary>A browser: keeps cookies, does not follow redirects (the tests look at them).</summary>
    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
}
