using DotNet.Testcontainers.Configurations;

namespace TalentNet.Testing;

public static class DockerEngine
{
    /// <summary>Whether Testcontainers found a Docker engine (checked once, cheaply).</summary>
    public static bool IsAvailable { get; } = Probe();

    public const string SkipReason = "no Docker engine";

    private static bool Probe()
    {
        try
        {
            return TestcontainersSettings.OS.DockerEndpointAuthConfig is not null;
        }
        catch (Exception exception) when (exception is InvalidOperationException or TypeInitializationException or ArgumentException)
        {
            return false;
        }
    }
}
