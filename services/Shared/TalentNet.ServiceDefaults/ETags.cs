namespace TalentNet.ServiceDefaults;

/// <summary>Versioned resources answer with <c>ETag: "version"</c> and honour <c>If-Match</c> (412 when stale).</summary>
public static class ETags
{
    public static string For(int version) => $"\"{version}\"";

    /// <summary>
    /// True when the client sent no If-Match, sent <c>*</c> (any current representation, RFC 9110
    /// 13.1.1), or listed this version's tag. Weak tags never match: If-Match compares strongly.
    /// </summary>
    public static bool IsCurrent(string? ifMatch, int version)
    {
        if (ifMatch is null || ifMatch.Trim() == "*")
        {
            return true;
        }

        var current = For(version);
        foreach (var tag in ifMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (tag == current)
            {
                return true;
            }
        }

        return false;
    }
}
