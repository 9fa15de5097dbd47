using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TalentNet.Testing;

namespace TalentNet.Backbone.Tests;

/// <summary>
/// AMQPS to a real broker whose certificate a private authority signed: services that trust that
/// authority (<c>Messaging:TlsCaCertificatePath</c>) publish and consume over TLS; one that does not,
/// or that reaches the broker by a name the certificate does not hold, never connects.
/// </summary>
public sealed class BrokerTlsTests
{
    [Fact]
    public async Task Services_talk_over_amqps_when_they_trust_the_brokers_authority_and_refuse_a_broker_they_cannot_verify()
    {
        using var authority = Authority("TalentNet test authority");
        var (certificate, key) = Issue(authority, "localhost");
        await using var node = await PrivateRabbitMqNode.StartAsync("tls", (authority.ExportCertificatePem(), certificate, key));
        var authorityPath = Path.Combine(Path.GetTempPath(), "talentnet-tests", $"authority-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(authorityPath, authority.ExportCertificatePem());
        var trusting = new Dictionary<string, string?> { ["Messaging:TlsCaCertificatePath"] = authorityPath };
        var amqps = $"amqps://guest:guest@localhost:{node.TlsPort}/";

        await using var candidates = new ServiceHost<CandidatesProgram>(TestDatabase.NewPath("tls-candidates"), amqps, trusting);
        await using var recommendations = new ServiceHost<RecommendationsProgram>(TestDatabase.NewPath("tls-recommendations"), amqps, trusting);
        await JobRoundTrip.RunAsync(candidates, recommendations);

        // The system's roots do not know our authority; a certificate for "localhost" does not name 127.0.0.1.
        foreach (var (label, url, settings) in new[]
        {
            ("untrusted authority", amqps, new Dictionary<string, string?>()),
            ("wrong host name", $"amqps://guest:guest@127.0.0.1:{node.TlsPort}/", trusting),
        })
        {
            await using var refused = new ServiceHost<RecommendationsProgram>(TestDatabase.NewPath("tls-refused"), url, settings);
            var client = refused.CreateClient();
            var ready = await Eventually.WaitForAsync(() => client.GetAsync("/health/ready"), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(8));
            Assert.True(ready.StatusCode == HttpStatusCode.ServiceUnavailable, $"{label}: readiness {(int)ready.StatusCode}");
        }
    }

    private static X509Certificate2 Authority(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(2));
    }

    /// <summary>A server certificate for the name, and its key, as PEM.</summary>
    private static (string Certificate, string Key) Issue(X509Certificate2 authority, string dnsName)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={dnsName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(dnsName);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        using var issued = request.Create(authority, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), RandomNumberGenerator.GetBytes(16));
        return (issued.ExportCertificatePem(), key.ExportRSAPrivateKeyPem());
    }
}
