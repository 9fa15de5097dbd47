using TalentNet.Testing;

namespace TalentNet.Integrator.Tests;

/// <summary>Redocly CLI's recommended rules find nothing in any served document.</summary>
[Collection(LiveServicesCollection.Name)]
public sealed class OpenApiLintTests(LiveServices services)
{
    [Fact]
    public async Task Every_served_document_passes_redocly_recommended_rules()
    {
        foreach (var service in services.All)
        {
            var result = await Tool.RunAsync(NodeTools.Path("redocly"), "lint", service.DocumentPath, "--config", Path.Combine(RepositoryRoot.Path, "tools", "redocly.yaml"), "--format", "stylish");
            var output = result.Output + result.Error;
            Assert.True(result.ExitCode == 0, $"{service.Name}: {output}");
            Assert.DoesNotMatch(@"\d+:\d+\s+warning", output);
        }
    }
}
