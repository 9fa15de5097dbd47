using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MassTransit;

namespace TalentNet.Messaging;

/// <summary>
/// TLS to the broker (<c>amqps://</c>): TLS 1.2 or 1.3, the certificate must name the URL's host, and
/// it must chain to the system's roots or, where configured, to the deployment's own authority only
/// (MassTransit alone would accept any chain).
/// </summary>
internal static class BrokerTls
{
    public static void Configure(IRabbitMqSslConfigurator ssl, string serverName, string? authorityPath)
    {
        ssl.ServerName = serverName;
        ssl.Protocol = SslProtocols.Tls12 | SslProtocols.Tls13;
        // MassTransit accepts an unknown chain by default; the callback takes that decision back.
        ssl.EnforcePolicyErrors(SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable);
        if (authorityPath is null)
        {
            ssl.CertificateValidationCallback = (_, certificate, _, errors) => certificate is not null && errors == SslPolicyErrors.None;
            return;
        }

        var authority = LoadAuthority(authorityPath) ?? throw new InvalidOperationException($"{MessagingOptions.Section}:TlsCaCertificatePath is not a readable PEM certificate.");
        ssl.CertificateValidationCallback = (_, certificate, _, errors) => IsSignedBy(authority, certificate, errors);
    }

    public static X509Certificate2? LoadAuthority(string path)
    {
        try
        {
            return X509Certificate2.CreateFromPem(File.ReadAllText(path));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// The platform's check found the name right and only the chain unknown; the chain must end at our
    /// authority. Revocation is not checked: a private authority publishes no revocation list here.
    /// </summary>
    private static bool IsSignedBy(X509Certificate2 authority, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var presented = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(presented);
    }
}
