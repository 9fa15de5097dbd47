using System.Security.Cryptography;
using System.Text;

namespace TalentNet.Integrations.Features.AtsWebhooks;

/// <summary>HMAC-SHA256 checks the vendors sign with, compared in constant time.</summary>
public static class Signatures
{
    /// <summary>Whether <paramref name="hex"/> is HMAC-SHA256(<paramref name="key"/>, <paramref name="data"/>) in hexadecimal, any case.</summary>
    public static bool HexMatches(string key, ReadOnlySpan<byte> data, string? hex)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (string.IsNullOrWhiteSpace(hex) || hex.Length != 64)
        {
            return false;
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(hex.Trim());
        }
        catch (FormatException)
        {
            return false;
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), data);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>The value after <paramref name="scheme"/> in a header such as <c>sha256 abc…</c> or <c>sha256=abc…</c>; null when the scheme differs.</summary>
    public static string? After(string? header, string scheme)
    {
        if (header is null || !header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return header[scheme.Length..].Trim();
    }

    /// <summary>The request body as the vendor sent it, bytes and text (webhook bodies are UTF-8 JSON).</summary>
    public static async Task<(byte[] Bytes, string Text)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        return (bytes, Encoding.UTF8.GetString(bytes));
    }
}
