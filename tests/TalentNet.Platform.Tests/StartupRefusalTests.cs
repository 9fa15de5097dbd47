using System.Diagnostics;
using TalentNet.Testing;

namespace TalentNet.Platform.Tests;

/// <summary>A service given a refused setting stops at once with a non-zero exit code and a message naming the setting.</summary>
public sealed class StartupRefusalTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    [Theory]
    [InlineData("Auth__Authority", "https://login.acme.example/", "Auth:SigningKey must not be set with Auth:Authority")]
    [InlineData("Auth__AllowSymmetricKey", "false", "Auth:SigningKey is refused outside Development unless Auth:AllowSymmetricKey is true")]
    public async Task A_production_service_refuses_a_second_signer_or_an_unallowed_key_and_exits_non_zero(string key, string value, string message)
    {
        var service = Path.Combine(RepositoryRoot.Path, "services", "Candidates", "TalentNet.Candidates", "bin", Configuration, "net10.0", "TalentNet.Candidates.dll");
        Assert.True(File.Exists(service), $"{service} is built by the solution build");
        var start = new ProcessStartInfo("dotnet", [service])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
                ["Database__DataDirectory"] = Path.Combine(Path.GetTempPath(), "talentnet-tests", $"refusal-{Guid.NewGuid():N}"),
                ["Messaging__RabbitMqUrl"] = "amqp://guest:guest@127.0.0.1:1/",
                ["Auth__SigningKey"] = TestAuth.SigningKey,
                [key] = value,
            },
        };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("The service was still running after 30 s instead of refusing its settings.");
        }

        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains(message, await output + await errors, StringComparison.Ordinal);
        Assert.DoesNotContain(TestAuth.SigningKey, await output + await errors, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"refused after {clock.Elapsed.TotalSeconds:F1} s");
    }
}
