using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace TalentNet.Testing;

public static class Listening
{
    /// <summary>Starts a hosted app on Kestrel (a spare loopback port), for callers outside the test process; returns once it is ready.</summary>
    public static async Task<Uri> ListenAsync<TProgram>(this WebApplicationFactory<TProgram> host, string readiness = "/health/ready")
        where TProgram : class
    {
        ArgumentNullException.ThrowIfNull(host);
        host.UseKestrel(0);
        host.StartServer();
        var address = new Uri(host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var probe = new HttpClient { BaseAddress = address };
        await Eventually.WaitForAsync(() => probe.GetAsync(readiness), response => response.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(60));
        return address;
    }
}
