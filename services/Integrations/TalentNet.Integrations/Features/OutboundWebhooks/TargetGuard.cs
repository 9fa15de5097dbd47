using System.Net;
using System.Net.Sockets;

namespace TalentNet.Integrations.Features.OutboundWebhooks;

/// <summary>
/// Keeps webhooks off the internal network (SSRF): a target must be https and resolve to public
/// addresses only, checked when a subscription is saved and again on every connection (so a DNS
/// answer that changes after the check cannot point a delivery inside).
/// </summary>
public static class TargetGuard
{
    /// <summary>Why the URL may not be a target, or null when it may.</summary>
    public static async Task<string?> RefusalAsync(Uri url, bool allowPrivate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (allowPrivate)
        {
            return null;
        }

        if (url.Scheme != Uri.UriSchemeHttps)
        {
            return "Webhook targets must use https.";
        }

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(url.DnsSafeHost, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(url.DnsSafeHost, cancellationToken);
        }
        catch (SocketException)
        {
            return $"The host {url.Host} does not resolve.";
        }

        return addresses.Length == 0 ? $"The host {url.Host} does not resolve."
            : addresses.FirstOrDefault(IsInternal) is { } inside ? $"The host {url.Host} resolves to {inside}, a loopback, private or link-local address."
            : null;
    }

    /// <summary>Loopback, private (RFC 1918, unique local), link-local, carrier-grade NAT, unspecified or multicast.</summary>
    public static bool IsInternal(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6None))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var first = address.GetAddressBytes()[0];
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (first & 0xFE) == 0xFC;
        }

        var bytes = address.GetAddressBytes();
        return bytes[0] switch
        {
            0 or 10 or 127 => true,
            100 => bytes[1] is >= 64 and <= 127,
            169 => bytes[1] == 254,
            172 => bytes[1] is >= 16 and <= 31,
            192 => bytes[1] == 168 || (bytes[1] == 0 && bytes[2] is 0 or 2),
            >= 224 => true,
            _ => false,
        };
    }

    /// <summary>The handler for webhook deliveries: no redirects, and every connection checked against <see cref="IsInternal"/> unless private targets are allowed.</summary>
    public static SocketsHttpHandler Handler(bool allowPrivate) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
            var allowed = addresses.Where(address => allowPrivate || !IsInternal(address)).ToList();
            if (allowed.Count == 0)
            {
                throw new HttpRequestException($"{context.DnsEndPoint.Host} resolves to no public address; webhook not sent.");
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed.ToArray(), context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
