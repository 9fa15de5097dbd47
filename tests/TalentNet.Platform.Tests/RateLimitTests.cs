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
}
