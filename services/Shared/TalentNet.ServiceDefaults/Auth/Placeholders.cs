namespace TalentNet.ServiceDefaults.Auth;

/// <summary>
/// Secrets copied from an example file (<c>.env.example</c>, the k8s README) unchanged: whoever has
/// read the repository knows them, so a service refuses them at start.
/// </summary>
public static class Placeholders
{
    private static readonly string[] Markers = ["change-me", "changeme", "replace-me", "placeholder", "your-secret"];

    public static bool IsPlaceholder(string? secret) =>
        !string.IsNullOrEmpty(secret) && Markers.Any(marker => secret.Contains(marker, StringComparison.OrdinalIgnoreCase));

    public static string Refusal(string key) => $"{key} holds a placeholder from an example file; set a secret of your own.";
}
