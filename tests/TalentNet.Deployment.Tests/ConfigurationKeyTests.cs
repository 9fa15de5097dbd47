using System.Reflection;
using TalentNet.Messaging;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.Storage;
using TalentNet.Testing;
using YamlDotNet.RepresentationModel;

namespace TalentNet.Deployment.Tests;

/// <summary>The settings compose and Kubernetes give the services are settings the services read.</summary>
public sealed class ConfigurationKeyTests
{
    /// <summary>Read by the platform or the runtime rather than by TalentNet's options classes.</summary>
    private static readonly string[] ExternalPrefixes = ["ASPNETCORE_", "DOTNET_", "OTEL_", "Logging__LogLevel__", "ReverseProxy__"];

    /// <summary>Only there to be expanded into another variable ($(NAME) in Kubernetes).</summary>
    private static readonly string[] ExpansionHelpers = ["RABBITMQ_USERNAME", "RABBITMQ_PASSWORD"];

    private static readonly string[] Required = ["Database__Provider", "Database__ConnectionString", "Messaging__RabbitMqUrl", "Auth__SigningKey"];

    /// <summary>The gateway keeps no data and reads no queue: it needs the token key (or an identity provider) and its routes.</summary>
    private static readonly string[] GatewayRequired = ["Auth__SigningKey", "ReverseProxy__Clusters__candidates__Destinations__service__Address"];

    private static string[] RequiredFor(string service) => service switch
    {
        "gateway" => GatewayRequired,
        // The alumni page's links are signed with a key of their own; the services that take people in keep a suppression list.
        "alumni" => [.. Required, "Alumni__Links__SigningKey", "Privacy__SuppressionKey"],
        "candidates" or "integrations" => [.. Required, "Privacy__SuppressionKey"],
        _ => Required,
    };

    [Fact]
    public void Compose_sets_only_keys_the_services_read_and_every_key_they_need()
    {
        var services = ComposeTests.Compose().Map("services");
        foreach (var name in new[] { "candidates", "alumni", "recommendations", "integrations", "gateway" })
        {
            var keys = services.Map(name).Map("environment").Children.Keys.Select(key => ((YamlScalarNode)key).Value!).ToList();
            AssertKnown($"compose/{name}", keys);
            Assert.All(RequiredFor(name), key => Assert.Contains(key, keys));
            // Compose is the local stack without an identity provider: its services run outside Development with the key, so say so.
            Assert.Contains("Auth__AllowSymmetricKey", keys);
        }
    }

    [SkippableTheory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task Kubernetes_sets_only_keys_the_services_read_and_every_key_they_need(string overlay)
    {
        Skip.IfNot(Tool.Exists("kubectl"), Manifests.KubectlMissing);
        var objects = await Manifests.RenderAsync(overlay);
        var configMapKeys = objects.Where(o => o.Kind() == "ConfigMap")
            .SelectMany(o => o.Map("data").Children.Keys.Select(key => ((YamlScalarNode)key).Value!)).ToList();
        foreach (var deployment in objects.Where(o => o.Kind() == "Deployment"))
        {
            var container = (YamlMappingNode)deployment.Map("spec").Map("template").Map("spec").Seq("containers")[0];
            var keys = container.Seq("env").Cast<YamlMappingNode>().Select(env => env.Text("name")).Concat(configMapKeys).ToList();
            AssertKnown($"{overlay}/{deployment.Name()}", keys);
            // A cluster has one signer, its identity provider: no symmetric key that could mint an admin token.
            Assert.All(RequiredFor(deployment.Name()).Select(key => key == "Auth__SigningKey" ? "Auth__Authority" : key), key => Assert.Contains(key, keys));
            Assert.DoesNotContain("Auth__SigningKey", keys);
            Assert.DoesNotContain("Auth__AllowSymmetricKey", keys);
        }
    }

    [Fact]
    public void The_known_keys_come_from_the_options_classes()
    {
        var known = KnownKeys();
        Assert.Contains("Messaging__Outbox__BatchSize", known);
        Assert.Contains("Auth__ApiKeys__0__Hash", known);
        Assert.DoesNotContain("Database__Provder", known);
    }

    private static void AssertKnown(string where, IEnumerable<string> keys)
    {
        var known = KnownKeys();
        foreach (var key in keys)
        {
            var recognised = known.Contains(NormalizeIndexes(key))
                             || ExternalPrefixes.Any(prefix => key.StartsWith(prefix, StringComparison.Ordinal))
                             || ExpansionHelpers.Contains(key);
            Assert.True(recognised, $"{where}: {key} is not a setting any TalentNet service reads");
        }
    }

    private static string NormalizeIndexes(string key) =>
        string.Join("__", key.Split("__").Select(part => part.All(char.IsDigit) ? "0" : part));

    /// <summary>Every settable key of the options classes, in environment-variable form.</summary>
    private static HashSet<string> KnownKeys()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal) { "Logging__Json" };
        Collect(typeof(DatabaseOptions), DatabaseOptions.Section, keys);
        Collect(typeof(MessagingOptions), MessagingOptions.Section, keys);
        Collect(typeof(PrivacyOptions), PrivacyOptions.Section, keys);
        Collect(typeof(AuthOptions), AuthOptions.Section, keys);
        Collect(typeof(RequestLimitOptions), RequestLimitOptions.Section, keys);
        Collect(typeof(Gateway.SignInOptions), Gateway.SignInOptions.Section, keys);
        Collect(typeof(Integrations.IntegrationsOptions), Integrations.IntegrationsOptions.Section, keys);
        Collect(typeof(Alumni.AlumniOptions), Alumni.AlumniOptions.Section, keys);
        Collect(typeof(Recommendations.Features.Notifications.NotificationOptions), Recommendations.Features.Notifications.NotificationOptions.Section, keys);
        return keys;
    }

    private static bool IsValue(Type type) => !type.IsClass || type == typeof(string) || type == typeof(Uri);

    private static void Collect(Type type, string prefix, HashSet<string> keys)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var key = $"{prefix}__{property.Name}";
            var propertyType = property.PropertyType;
            if (propertyType.IsGenericType && propertyType.GetGenericTypeDefinition() == typeof(List<>))
            {
                var item = propertyType.GetGenericArguments()[0];
                if (IsValue(item))
                {
                    keys.Add($"{key}__0");
                }
                else
                {
                    Collect(item, $"{key}__0", keys);
                }
            }
            else if (!IsValue(propertyType))
            {
                Collect(propertyType, key, keys);
            }
            else
            {
                keys.Add(key);
            }
        }
    }
}
