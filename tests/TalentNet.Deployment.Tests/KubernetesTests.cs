using System.Text.RegularExpressions;
using TalentNet.Testing;
using YamlDotNet.RepresentationModel;

namespace TalentNet.Deployment.Tests;

public sealed partial class KubernetesTests
{
    public static TheoryData<string> Overlays => new() { "dev", "prod" };

    [SkippableTheory]
    [MemberData(nameof(Overlays))]
    public async Task Every_service_deployment_has_probes_resources_non_root_two_replicas_and_a_pinned_image(string overlay)
    {
        Skip.IfNot(Tool.Exists("kubectl"), Manifests.KubectlMissing);
        var objects = await Manifests.RenderAsync(overlay);
        var deployments = objects.Where(o => o.Kind() == "Deployment").ToList();
        Assert.Equal(["alumni", "candidates", "gateway", "integrations", "recommendations"], deployments.Select(d => d.Name()).Order());

        foreach (var deployment in deployments)
        {
            var name = deployment.Name();
            var spec = deployment.Map("spec");
            Assert.True(int.Parse(spec.Text("replicas"), System.Globalization.CultureInfo.InvariantCulture) >= 2, $"{overlay}/{name}: at least 2 replicas");
            var pod = spec.Map("template").Map("spec");
            Assert.Equal("true", pod.Map("securityContext").Text("runAsNonRoot"));
            foreach (YamlMappingNode container in pod.Seq("containers"))
            {
                Assert.Equal("/health/ready", container.Map("readinessProbe").Map("httpGet").Text("path"));
                Assert.Equal("/health/live", container.Map("livenessProbe").Map("httpGet").Text("path"));
                var resources = container.Map("resources");
                foreach (var section in new[] { "requests", "limits" })
                {
                    Assert.True(resources.Map(section).Has("cpu") && resources.Map(section).Has("memory"), $"{overlay}/{name}: {section} for cpu and memory");
                }

                Assert.Equal("false", container.Map("securityContext").Text("allowPrivilegeEscalation"));
                Assert.Equal("true", container.Map("securityContext").Text("readOnlyRootFilesystem"));
                AssertPinned(overlay, name, container.Text("image"));
            }
        }

        foreach (var workload in objects.Where(o => o.Kind() == "StatefulSet"))
        {
            foreach (YamlMappingNode container in workload.Map("spec").Map("template").Map("spec").Seq("containers"))
            {
                AssertPinned(overlay, workload.Name(), container.Text("image"));
            }
        }

        Assert.Equal(5, objects.Count(o => o.Kind() == "HorizontalPodAutoscaler"));
        Assert.Equal(5, objects.Count(o => o.Kind() == "PodDisruptionBudget"));
        Assert.Equal("gateway", Assert.Single(objects, o => o.Kind() == "Ingress").Descendants()
            .Select(node => node.MapOrNull("service")).OfType<YamlMappingNode>().Single().Text("name"));
        var rabbit = Assert.Single(objects, o => o.Kind() == "RabbitmqCluster");
        Assert.Equal("3", rabbit.Map("spec").Text("replicas"));
        Assert.Equal("true", objects.Single(o => o.Kind() == "ConfigMap").Map("data").Text("Messaging__QuorumQueues"));
    }

    [SkippableTheory]
    [MemberData(nameof(Overlays))]
    public async Task Schemas_change_only_in_migration_jobs_and_network_policies_fence_every_pod(string overlay)
    {
        Skip.IfNot(Tool.Exists("kubectl"), Manifests.KubectlMissing);
        var objects = await Manifests.RenderAsync(overlay);
        Assert.Equal("Verify", objects.Single(o => o.Kind() == "ConfigMap" && o.Name() == "talentnet-config").Map("data").Text("Database__Migrations"));
        var pods = new List<string>();
        foreach (var name in new[] { "candidates", "alumni", "recommendations", "integrations" })
        {
            var job = Assert.Single(objects, o => o.Kind() == "Job" && o.Name() == $"{name}-migrate");
            var container = (YamlMappingNode)job.Map("spec").Map("template").Map("spec").Seq("containers").Children[0];
            var env = container.Seq("env").Children.Cast<YamlMappingNode>().ToDictionary(e => e.Text("name"));
            Assert.Equal("Only", env["Database__Migrations"].Text("value"));
            Assert.Equal($"{name}-db-migrator", env["Database__ConnectionString"].Map("valueFrom").Map("secretKeyRef").Text("key"));
            pods.Add(name);
            pods.Add($"{name}-migrate");
        }

        var policies = objects.Where(o => o.Kind() == "NetworkPolicy").ToList();
        var deny = Assert.Single(policies, p => p.Name() == "talentnet-default-deny").Map("spec");
        Assert.Equal(["Ingress", "Egress"], deny.Seq("policyTypes").Children.Select(t => ((YamlScalarNode)t).Value));
        var fenced = ((YamlMappingNode)deny.Map("podSelector").Seq("matchExpressions").Children[0]).Seq("values").Children.Select(v => ((YamlScalarNode)v).Value!).ToList();
        Assert.All(pods.Append("gateway"), pod => Assert.Contains(pod, fenced));
        foreach (var name in new[] { "candidates", "alumni", "recommendations", "integrations" })
        {
            var spec = Assert.Single(policies, p => p.Name() == name).Map("spec");
            var from = ((YamlMappingNode)spec.Seq("ingress").Children[0]).Seq("from").Children.Cast<YamlMappingNode>().Single();
            Assert.Equal("gateway", from.Map("podSelector").Map("matchLabels").Text("app.kubernetes.io/name"));
            var ports = spec.Seq("egress").Children.Cast<YamlMappingNode>().SelectMany(rule => rule.Seq("ports").Children.Cast<YamlMappingNode>()).Select(port => port.Text("port")).ToHashSet();
            Assert.Subset(new HashSet<string> { "1433", "5672", "5671", "443", "587", "465", "25" }, ports);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Overlays))]
    public async Task Every_referenced_configmap_and_secret_key_exists_or_is_documented_as_provided_by_the_cluster_operator(string overlay)
    {
        Skip.IfNot(Tool.Exists("kubectl"), Manifests.KubectlMissing);
        var objects = await Manifests.RenderAsync(overlay);
        var configMaps = objects.Where(o => o.Kind() == "ConfigMap").ToDictionary(o => o.Name(), o => o.MapOrNull("data"));
        var secrets = objects.Where(o => o.Kind() == "Secret").ToDictionary(o => o.Name(), o => o.MapOrNull("data") ?? o.MapOrNull("stringData"));
        var documented = DocumentedSecretKeys();

        var references = 0;
        foreach (var node in objects.SelectMany(o => o.Descendants()))
        {
            if (node.MapOrNull("configMapRef") is { } configMapRef)
            {
                references++;
                Assert.True(configMaps.ContainsKey(configMapRef.Text("name")), $"{overlay}: ConfigMap {configMapRef.Text("name")} is rendered");
            }

            if (node.MapOrNull("configMapKeyRef") is { } configMapKey)
            {
                references++;
                Assert.True(configMaps.TryGetValue(configMapKey.Text("name"), out var data) && data is not null && data.Has(configMapKey.Text("key")),
                    $"{overlay}: ConfigMap {configMapKey.Text("name")} has key {configMapKey.Text("key")}");
            }

            if (node.MapOrNull("secretKeyRef") is { } secretKey)
            {
                references++;
                var (secret, key) = (secretKey.Text("name"), secretKey.Text("key"));
                var rendered = secrets.TryGetValue(secret, out var data) && data is not null && data.Has(key);
                Assert.True(rendered || documented.Contains((secret, key)),
                    $"{overlay}: Secret {secret} key {key} is neither rendered nor documented in k8s/README.md");
            }
        }

        Assert.True(references >= 13, $"{overlay}: found {references} references");
    }

    /// <summary>(secret, key) pairs in the Secrets table of k8s/README.md.</summary>
    private static HashSet<(string Secret, string Key)> DocumentedSecretKeys()
    {
        var readme = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "k8s", "README.md"));
        var pairs = new HashSet<(string, string)>();
        foreach (var line in readme.Where(line => line.StartsWith("| `", StringComparison.Ordinal)))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            var secret = cells[1].Trim('`');
            foreach (Match key in Backticked().Matches(cells[2]))
            {
                pairs.Add((secret, key.Groups[1].Value));
            }
        }

        return pairs;
    }

    private static void AssertPinned(string overlay, string workload, string image)
    {
        var tag = image.Contains('@', StringComparison.Ordinal) ? "digest" : image[(image.LastIndexOf(':') + 1)..];
        Assert.True(image.Contains(':', StringComparison.Ordinal) && tag != "latest" && !tag.Contains('/', StringComparison.Ordinal),
            $"{overlay}/{workload}: image {image} has a pinned tag");
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Backticked();
}
