using System.Net;
using TalentNet.ServiceDefaults.Auth;

namespace TalentNet.Platform.Tests;

/// <summary>Headers every answer carries (issue "Security hardening": security headers).</summary>
public sealed class SecurityHeaderTests
{
    [Fact]
    public async Task Answers_are_not_sniffed_nor_framed_api_answers_are_not_stored_and_hsts_waits_for_its_setting()
    {
        await using var probe = await ProbeApp.StartAsync();
        using var client = probe.CreateClient().As(Roles.Admin);
        foreach (var path in new[] { "/api/probe", "/probe/anyone", "/probe/missing" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.False(response.Headers.Contains("Strict-Transport-Security"), path);
            // The API's answers hold personal data: no cache may keep them.
            Assert.Equal(path.StartsWith("/api/", StringComparison.Ordinal), response.Headers.CacheControl?.NoStore == true);
        }

        await using var behindTls = await ProbeApp.StartAsync(new Dictionary<string, string?> { ["Security:Hsts"] = "true", ["Security:HstsMaxAgeDays"] = "30" });
        var secured = await behindTls.CreateClient().GetAsync("/health/live");
        Assert.Equal("max-age=2592000; includeSubDomains", secured.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.Equal(HttpStatusCode.OK, secured.StatusCode);
    }
}
