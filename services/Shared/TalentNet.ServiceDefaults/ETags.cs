namespace TalentNet.ServiceDefaults;

/// <summary>Versioned resources answer with <c>ETag: "version"</c> and honour <c>If-Match</c> (412 when stale).</summary>
public static class ETags
{
    public static string For(int version) => $"\"{version}\"";

    /// <summary>True when the client sent no If-Match, or one naming this version.</summary>
    public static bool IsCurrent(string? ifMatch, int version) => ifMatch is null || ifMatch == For(version);
}
