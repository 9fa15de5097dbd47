using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace TalentNet.Testing;

public static class Listening
{
    /// <summary>
    /// Starts a hosted app on Kestrel (a spare loopback port), for callers outside the test process;
    /// returns once it answers (<c>/health/live</c>; <c>/health/ready</c> also needs the broker).
    /// </summary>
    public static async Task<Uri> ListenAsync<TProgram>(this WebApplicationFactory<TProgram> host, string readiness = "/health/live")
        where TProgram : class
    {
        ArgumentNullException.ThrowIfNull(host);
        host.UseKestrel(0);
        host.StartServer();
        var address = new Uri(host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var probe = new HttpClient { BaseAddress = address };
        var answer = await Eventually.WaitForAsync(() => probe.GetAsync(readiness), response => response.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(60));
        return answer.StatusCode == HttpStatusCode.OK
            ? address
            : throw new InvalidOperationException($"{address}{readiness.TrimStart('/')} answered {(int)answer.StatusCode} for a minute.");
    }
}
