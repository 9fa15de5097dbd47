using System.Net;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.Testing;

namespace TalentNet.Platform.Tests;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Over_the_limit_is_429_with_retry_after_not_503()
    {
        await using var probe = await ProbeApp.StartAsync(new Dictionary<string, string?>
        {
            ["Limits:PermitsPerWindow"] = "3",
            ["Limits:WindowSeconds"] = "30",
        });
        var client = probe.CreateClient().As(Roles.Recruiter);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/probe/anyone")).StatusCode);
        }

        var limited = await client.GetAsync("/probe/anyone");
        await ProblemAssert.IsProblemAsync(limited, HttpStatusCode.TooManyRequests);
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 30);

        var otherCaller = probe.CreateClient().As(Roles.Hr);
        Assert.Equal(HttpStatusCode.OK, (await otherCaller.GetAsync("/probe/anyone")).StatusCode);
    }

    [Fact]
    public async Task Rejected_tokens_use_up_the_callers_permits_so_guessing_is_limited()
    {
        await using var probe = await LimitedProbeAsync();
        var guesser = probe.CreateClient();
        guesser.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not.a-valid.token");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.GetAsync("/probe/anyone")).StatusCode);
        }

        await ProblemAssert.IsProblemAsync(await guesser.GetAsync("/probe/anyone"), HttpStatusCode.TooManyRequests);
        var wrongKey = probe.CreateClient();
        wrongKey.DefaultRequestHeaders.Add("X-Api-Key", "guess-0123456789abcdef0123456789");
        await ProblemAssert.IsProblemAsync(await wrongKey.GetAsync("/probe/anyone"), HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Forbidden_answers_use_up_the_callers_permits()
    {
        await using var probe = await LimitedProbeAsync();
        var recruiter = probe.CreateClient().As(Roles.Recruiter);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await recruiter.GetAsync("/probe/integration")).StatusCode);
        }

        await ProblemAssert.IsProblemAsync(await recruiter.GetAsync("/probe/anyone"), HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task An_invented_forwarded_address_does_not_buy_a_fresh_partition()
    {
        await using var probe = await LimitedProbeAsync();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/probe/anyone");
            request.Headers.Add("X-Forwarded-For", $"203.0.113.{i + 1}");
            statuses.Add((await probe.CreateClient().SendAsync(request)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_each_forwarded_client_has_its_own_permits()
    {
        await using var probe = await LimitedProbeAsync(new Dictionary<string, string?> { ["Limits:TrustedProxies:0"] = "127.0.0.0/8" });
        async Task<HttpStatusCode> FromAsync(string client)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/probe/anyone");
            request.Headers.Add("X-Forwarded-For", client);
            return (await probe.CreateClient().SendAsync(request)).StatusCode;
        }

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await FromAsync("203.0.113.7"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await FromAsync("203.0.113.7"));
        Assert.Equal(HttpStatusCode.Unauthorized, await FromAsync("198.51.100.20"));
    }

    [Fact]
    public async Task A_trusted_proxy_that_is_not_an_address_stops_the_start()
    {
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => LimitedProbeAsync(new Dictionary<string, string?> { ["Limits:TrustedProxies:0"] = "gateway.internal" }));
        Assert.Contains("Limits:TrustedProxies", refused.Message, StringComparison.Ordinal);
    }

    private static Task<ProbeApp> LimitedProbeAsync(Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Limits:PermitsPerWindow"] = "3",
            ["Limits:WindowSeconds"] = "30",
        };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        return ProbeApp.StartAsync(settings);
    }
}
