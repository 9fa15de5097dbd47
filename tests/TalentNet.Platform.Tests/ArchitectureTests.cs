using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using TalentNet.Testing;

namespace TalentNet.Platform.Tests;

public sealed partial class ArchitectureTests
{
    private static readonly string[] Services = ["Candidates", "Alumni", "Recommendations", "Integrations", "Gateway"];

    private static readonly Assembly[] ServiceAssemblies =
    [
        typeof(CandidatesProgram).Assembly,
        typeof(AlumniProgram).Assembly,
        typeof(RecommendationsProgram).Assembly,
        typeof(IntegrationsProgram).Assembly,
    ];

    [Fact]
    public void No_service_project_references_another_service()
    {
        foreach (var service in Services)
        {
            var project = Path.Combine(RepositoryRoot.Path, "services", service, $"TalentNet.{service}", $"TalentNet.{service}.csproj");
            var references = XDocument.Load(project).Descendants("ProjectReference")
                .Select(reference => reference.Attribute("Include")!.Value.Replace('\\', '/'))
                .ToList();
            Assert.NotEmpty(references);
            foreach (var reference in references)
            {
                Assert.True(
                    reference.Contains("/Shared/", StringComparison.Ordinal) || reference.Contains("/contracts/", StringComparison.Ordinal),
                    $"{service} references {reference}: services share only contracts and shared infrastructure");
            }
        }
    }

    [Fact]
    public void No_service_assembly_depends_on_another_service_assembly()
    {
        var names = ServiceAssemblies.Select(assembly => assembly.GetName().Name).ToHashSet();
        foreach (var assembly in ServiceAssemblies)
        {
            var others = assembly.GetReferencedAssemblies().Where(reference => names.Contains(reference.Name)).ToList();
            Assert.True(others.Count == 0, $"{assembly.GetName().Name} depends on {string.Join(", ", others)}");
        }
    }

    [Fact]
    public void No_service_publishes_to_the_bus_directly_everything_goes_through_the_outbox()
    {
        var offenders = new List<string>();
        foreach (var service in Services)
        {
            var folder = Path.Combine(RepositoryRoot.Path, "services", service);
            foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
                         .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                        && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
            {
                var lines = File.ReadAllLines(file);
                for (var i = 0; i < lines.Length; i++)
                {
                    if (DirectPublish().IsMatch(lines[i]))
                    {
                        offenders.Add($"{Path.GetRelativePath(RepositoryRoot.Path, file)}:{i + 1}: {lines[i].Trim()}");
                    }
                }
            }
        }

        Assert.True(offenders.Count == 0, "Publish through the Outbox instead:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void The_direct_publish_rule_recognises_what_it_forbids()
    {
        Assert.Matches(DirectPublish(), "await context.Publish(new JobOpened(...));");
        Assert.Matches(DirectPublish(), "public Handler(IPublishEndpoint publisher)");
        Assert.Matches(DirectPublish(), "await bus.Send(message);");
        Assert.DoesNotMatch(DirectPublish(), "await outbox.EnqueueAsync(session, new JobOpened(...));");
    }

    [Fact]
    public void Contracts_are_immutable_past_tense_records_with_stable_wire_names()
    {
        var types = Messaging.EventTypes.Contracts.All;
        Assert.True(types.Count >= 15, $"found {types.Count} events");
        foreach (var type in types)
        {
            Assert.True(type.GetMethod("<Clone>$") is not null, $"{type.Name} is a record");
            Assert.All(type.GetProperties(), property =>
                Assert.True(property.SetMethod is null || property.SetMethod.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.Name == "IsExternalInit"),
                    $"{type.Name}.{property.Name} is init-only"));
            Assert.Matches("ed([A-Z]|$)|Given$|Due$", type.Name);
            var urn = type.GetCustomAttribute<MassTransit.MessageUrnAttribute>()!.Urn.ToString();
            Assert.Matches("^urn:message:talentnet:[a-z]+:[a-z-]+:v[0-9]+$", urn);
            Assert.DoesNotContain(type.Namespace!, urn, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Every_feature_file_holds_one_use_case_one_endpoint_or_one_consumer()
    {
        var offenders = new List<string>();
        foreach (var service in Services)
        {
            var features = Path.Combine(RepositoryRoot.Path, "services", service, $"TalentNet.{service}", "Features");
            foreach (var file in Directory.EnumerateFiles(features, "*.cs", SearchOption.AllDirectories))
            {
                var text = File.ReadAllText(file);
                var endpoints = EndpointMapping().Count(text);
                var consumers = ConsumerClass().Count(text);
                if (endpoints + consumers > 1)
                {
                    offenders.Add($"{Path.GetRelativePath(RepositoryRoot.Path, file)}: {endpoints} endpoints, {consumers} consumers");
                }
            }
        }

        Assert.True(offenders.Count == 0, "Give each use case its own file:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void The_one_use_case_rule_counts_what_it_should()
    {
        Assert.Equal(2, EndpointMapping().Count("jobs.MapGet(\"/\", List); jobs.MapPost(\"/{id:guid}/close\", Close);"));
        Assert.Equal(1, ConsumerClass().Count("public sealed class JobClosedConsumer(ConsumeSession session) : IConsumer<JobClosed>"));
    }

    [GeneratedRegex(@"\.Map(Get|Post|Put|Patch|Delete)\(")]
    private static partial Regex EndpointMapping();

    [GeneratedRegex(@"\bclass\s+\w+[^{;]*\bIConsumer<")]
    private static partial Regex ConsumerClass();

    [GeneratedRegex(@"\bIPublishEndpoint\b|\bISendEndpointProvider\b|\bIBus\b|\.Publish\s*[<(]|\.Send\s*[<(]")]
    private static partial Regex DirectPublish();
}
