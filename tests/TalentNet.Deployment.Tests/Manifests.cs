using TalentNet.Testing;
using YamlDotNet.RepresentationModel;

namespace TalentNet.Deployment.Tests;

/// <summary>Rendered Kubernetes objects, navigated as YAML nodes.</summary>
internal static class Manifests
{
    public const string KubectlMissing =
        "kubectl not found: install kubectl 1.27 or newer (it bundles kustomize v5), e.g. Debian's kubectl package from the Kubernetes apt repository, then run ./test.sh again";

    public static async Task<IReadOnlyList<YamlMappingNode>> RenderAsync(string overlay)
    {
        var result = await Tool.RunAsync("kubectl", "kustomize", $"k8s/overlays/{overlay}");
        Assert.True(result.ExitCode == 0, $"kubectl kustomize k8s/overlays/{overlay} failed: {result.Error}");
        var stream = new YamlStream();
        stream.Load(new StringReader(result.Output));
        return stream.Documents.Select(document => (YamlMappingNode)document.RootNode).ToList();
    }

    public static string Kind(this YamlMappingNode node) => node.Text("kind");

    public static string Name(this YamlMappingNode node) => node.Map("metadata").Text("name");

    public static YamlMappingNode Map(this YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    public static YamlMappingNode? MapOrNull(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child as YamlMappingNode : null;

    public static YamlSequenceNode Seq(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? (YamlSequenceNode)child : new YamlSequenceNode();

    public static string Text(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? ((YamlScalarNode)child).Value ?? "" : "";

    public static bool Has(this YamlMappingNode node, string key) => node.Children.ContainsKey(new YamlScalarNode(key));

    /// <summary>Every mapping below a node, at any depth.</summary>
    public static IEnumerable<YamlMappingNode> Descendants(this YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                yield return mapping;
                foreach (var child in mapping.Children.Values.SelectMany(Descendants))
                {
                    yield return child;
                }

                break;
            case YamlSequenceNode sequence:
                foreach (var child in sequence.Children.SelectMany(Descendants))
                {
                    yield return child;
                }

                break;
        }
    }
}
