using System.Net;
using System.Net.Http.Json;
using TalentNet.Integrations.Features.OutboundWebhooks;
using TalentNet.ServiceDefaults.Auth;

namespace TalentNet.Integrations.Tests;

/// <summary>Webhook targets inside the network are refused (SSRF), unless a development setting allows them.</summary>
public sealed class TargetGuardTests(IntegrationsApp app) : IClassFixture<IntegrationsApp>
{
    [Theory]
    [InlineData("http://hooks.example.com/x")]
    [InlineData("https://127.0.0.1/x")]
    [InlineData("https://localhost/x")]
    [InlineData("https://10.1.2.3/x")]
    [InlineData("https://172.20.0.1/x")]
    [InlineData("https://192.168.1.10/x")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[::1]/x")]
    [InlineData("https://[fd00::1]/x")]
    [InlineData("https://100.64.0.1/x")]
    public async Task A_target_that_is_not_https_or_resolves_inside_is_422(string url)
    {
        var answer = await app.Host.CreateClient().As(Roles.Integration).PostAsJsonAsync("/api/webhook-subscriptions", new { url, eventTypes = new[] { "*" } });
        await Answer.ProblemAsync(answer, HttpStatusCode.UnprocessableEntity);
    }

    [Theory]
    [InlineData("8.8.8.8", false)]
    [InlineData("93.184.215.14", false)]
    [InlineData("2606:4700::1111", false)]
    [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("224.0.0.1", true)]
    [InlineData("fe80::1", true)]
    public void Addresses_are_sorted_into_public_and_internal(string address, bool isInternal) =>
        Assert.Equal(isInternal, TargetGuard.IsInternal(IPAddress.Parse(address)));

    [Fact]
    public void The_subscribable_event_types_are_the_ones_contracts_readme_lists()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "contracts", "README.md"));
        var section = readme[readme.IndexOf("## Webhook event types", StringComparison.Ordinal)..readme.IndexOf("## Vocabulary", StringComparison.Ordinal)];
        var listed = System.Text.RegularExpressions.Regex.Matches(section, @"^- `([a-z.-]+)`$", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(match => match.Groups[1].Value);
        Assert.Equal(WebhookSubscription.Types, listed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_connection_itself_is_refused_when_a_name_resolves_inside()
    {
        using var client = new HttpClient(TargetGuard.Handler(allowPrivate: false));
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("http://localhost:9/"));
    }
}
