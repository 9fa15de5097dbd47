using System.Text.RegularExpressions;
using TalentNet.Testing;
using YamlDotNet.RepresentationModel;

namespace TalentNet.Deployment.Tests;

public sealed partial class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));

    [Fact]
    public void The_compose_section_names_the_files_images_and_ports_that_the_compose_file_has()
    {
        var section = Section("Run with Docker Compose");
        var services = ComposeTests.Compose().Map("services");
        Assert.Contains(".env.example", section, StringComparison.Ordinal);
        Assert.Contains("services/Dockerfile", section, StringComparison.Ordinal);
        foreach (var name in new[] { "rabbitmq", "sqlserver" })
        {
            Assert.Contains(services.Map(name).Text("image"), section, StringComparison.Ordinal);
        }

        foreach (var (name, port) in new[] { ("candidates", "5101"), ("alumni", "5102"), ("recommendations", "5103"), ("integrations", "5104") })
        {
            var published = services.Map(name).Seq("ports").Cast<YamlScalarNode>().Select(p => p.Value).Single();
            Assert.StartsWith($"127.0.0.1:{port}:", published, StringComparison.Ordinal);
            Assert.Matches($"{name} {port}", section);
        }
    }

    [Fact]
    public void The_kubernetes_section_names_overlays_that_exist()
    {
        var section = Section("Deploy to Kubernetes");
        var overlays = OverlayPath().Matches(section).Select(match => match.Value).Distinct().ToList();
        Assert.Equal(["k8s/overlays/dev", "k8s/overlays/prod"], overlays.Order());
        Assert.All(overlays, overlay => Assert.True(File.Exists(Path.Combine(RepositoryRoot.Path, overlay, "kustomization.yaml")), overlay));
        Assert.Contains("k8s/README.md", section, StringComparison.Ordinal);
    }

    private static string Section(string heading)
    {
        var start = Readme.IndexOf($"## {heading}", StringComparison.Ordinal);
        Assert.True(start >= 0, $"README has a '{heading}' section");
        var end = Readme.IndexOf("\n## ", start + 3, StringComparison.Ordinal);
        return Readme[start..(end < 0 ? Readme.Length : end)];
    }

    [GeneratedRegex(@"k8s/overlays/[a-z]+")]
    private static partial Regex OverlayPath();
}
