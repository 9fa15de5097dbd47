using TalentNet.Testing;

namespace TalentNet.Integrator.Tests;

/// <summary>
/// The clients under Clients/ are what NSwag generates from the documents the services serve now
/// (scripts/generate-client.sh, the README's command): a change to an endpoint that is not
/// regenerated fails here (TALENTNET_WRITE_SAMPLES=1 rewrites them), and one that breaks the generated
/// code fails the build.
/// </summary>
[Collection(LiveServicesCollection.Name)]
public sealed class GeneratedClientTests(LiveServices services)
{
    [Fact]
    public async Task The_committed_clients_are_what_the_served_documents_generate()
    {
        foreach (var service in services.All)
        {
            var name = char.ToUpperInvariant(service.Name[0]) + service.Name[1..];
            var output = Path.Combine(Path.GetTempPath(), "talentnet-tests", $"{name}Client-{Guid.NewGuid():N}.cs");
            var result = await Tool.RunAsync(Path.Combine(RepositoryRoot.Path, "scripts", "generate-client.sh"), service.Address.ToString(), name, output);
            Assert.True(result.ExitCode == 0, result.Output + result.Error);
            var generated = await File.ReadAllTextAsync(output);
            var committedPath = Path.Combine(RepositoryRoot.Path, "tests", "TalentNet.Integrator.Tests", "Clients", $"{name}Client.g.cs");
            if (Environment.GetEnvironmentVariable("TALENTNET_WRITE_SAMPLES") == "1")
            {
                File.Copy(output, committedPath, overwrite: true);
            }

            var committed = await File.ReadAllTextAsync(committedPath);
            Assert.True(committed == generated, $"Clients/{name}Client.g.cs is stale: run scripts/generate-client.sh {service.Address} {name} tests/TalentNet.Integrator.Tests/Clients/{name}Client.g.cs");
            Assert.DoesNotMatch(@"class \w*(_1Of|Culture_neutral|PublicKeyToken|Request2|Response2)\w*", generated);
            File.Delete(output);
        }
    }
}
