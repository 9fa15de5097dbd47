using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using TalentNet.ServiceDefaults.Auth;

namespace TalentNet.Browser.Tests;

/// <summary>
/// The alumni page in Debian's Chromium, reached as a leaver reaches it: through the link in the
/// welcome mail (received by a real SMTP server), opened once, then consents, a referral, opt-out.
/// </summary>
[Collection(SeededSystem.Collection)]
public sealed partial class AlumniPageTests(SeededSystem system)
{
    [Fact]
    public async Task A_leaver_opens_the_welcome_link_changes_a_consent_refers_someone_and_opts_out()
    {
        var personal = $"kari.{Guid.NewGuid():N}@example.org";
        using var hr = new HttpClient { BaseAddress = system.Gateway }.As(Roles.Hr);
        var recorded = await hr.PostAsJsonAsync("/alumni/api/departures", new
        {
            employeeId = $"E-{Guid.NewGuid():N}"[..12], fullName = "Kari Nordmann", workEmail = $"{Guid.NewGuid():N}@acme.example", personalEmail = personal,
            department = "Engineering", role = "Backend Developer", manager = new { name = "Ola Hansen", email = "ola.hansen@acme.example" },
            lastDay = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-5).ToString("yyyy-MM-dd"), reason = "relocation",
            exitInterview = new { wouldReturn = "yes", notes = "moving to Bergen" },
            consents = new { alumniNetwork = true, rehireOutreach = true, recommendationRequest = true, referralAsk = true },
        });
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var alumnusId = (await recorded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alumnusId").GetGuid();

        var welcome = await Eventually.WaitForAsync(
            () => Task.FromResult(system.Mail.Received.FirstOrDefault(message => message.To.Mailboxes.Any(box => box.Address == personal))),
            message => message is not null, TimeSpan.FromSeconds(30));
        Assert.Equal("Welcome to the alumni network", welcome!.Subject);
        var link = LinkPath().Match(welcome.TextBody ?? "").Value;
        Assert.StartsWith("/alumnus/link/", link, StringComparison.Ordinal);

        using var anonymous = new HttpClient { BaseAddress = system.Gateway };
        var invalid = await anonymous.GetAsync("/alumnus/link/not-a-link");
        Assert.Equal((HttpStatusCode.NotFound, "text/html"), (invalid.StatusCode, invalid.Content.Headers.ContentType?.MediaType));
        Assert.Contains("This is not a working link", await invalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using var context = await system.Browser.NewContextAsync(new() { BaseURL = system.Gateway.ToString() });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        var opened = await page.GotoAsync(link);
        Assert.Equal(200, opened!.Status);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open my alumni page" }).ClickAsync();
        await page.WaitForSelectorAsync("#record:not([hidden])");
        Assert.Equal("/alumnus", new Uri(page.Url).AbsolutePath);
        Assert.Equal("Kari Nordmann", await page.Locator("[data-field='Name']").TextContentAsync());
        Assert.Equal("moving to Bergen", await page.Locator("[data-field='Exit interview notes']").TextContentAsync());
        await page.WaitForFunctionAsync("() => document.querySelector('select[name=jobId]').options.length > 0");
        Assert.Empty(await SeriousViolationsAsync(page));

        // The link is used up; reloading the page keeps the session.
        var used = await anonymous.GetAsync(link);
        Assert.Equal((HttpStatusCode.Gone, "text/html"), (used.StatusCode, used.Content.Headers.ContentType?.MediaType));
        Assert.DoesNotContain("Kari", await used.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await page.GetByLabel("tell you about jobs that fit you").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my consents" }).ClickAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('status').textContent === 'Your consents are saved.'");
        var alumnus = await hr.GetFromJsonAsync<JsonElement>($"/alumni/api/alumni/{alumnusId}");
        Assert.False(alumnus.GetProperty("consents").GetProperty("rehireOutreach").GetBoolean());
        var timeline = await hr.GetFromJsonAsync<JsonElement>($"/alumni/api/alumni/{alumnusId}/timeline");
        Assert.Equal("alumnus", timeline.GetProperty("items").EnumerateArray().Last(entry => entry.GetProperty("kind").GetString() == "consents-changed").GetProperty("source").GetString());

        var referred = $"nils.{Guid.NewGuid():N}@example.org";
        await page.GetByLabel("Their name").FillAsync("Nils Berg");
        await page.GetByLabel("Their email").FillAsync(referred);
        await page.GetByRole(AriaRole.Button, new() { Name = "Refer them" }).ClickAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('status').textContent.startsWith('Thank you')");
        Assert.Equal(1, await page.Locator("#referrals li").CountAsync());
        var referrals = await hr.GetFromJsonAsync<JsonElement>($"/alumni/api/alumni/{alumnusId}/referrals");
        Assert.Equal(referred, Assert.Single(referrals.GetProperty("items").EnumerateArray()).GetProperty("candidateEmail").GetString());

        await page.GetByRole(AriaRole.Button, new() { Name = "Opt out of everything" }).ClickAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('status').textContent.startsWith('You opted out')");
        Assert.Equal("opted-out", (await hr.GetFromJsonAsync<JsonElement>($"/alumni/api/alumni/{alumnusId}")).GetProperty("status").GetString());
        Assert.Empty(await SeriousViolationsAsync(page));
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        // Another browser without the link sees only the form to ask for one.
        var stranger = await (await system.Browser.NewContextAsync(new() { BaseURL = system.Gateway.ToString() })).NewPageAsync();
        await stranger.GotoAsync("/alumnus");
        await stranger.WaitForSelectorAsync("main[data-loaded='true']");
        Assert.True(await stranger.Locator("#record").IsHiddenAsync());
        Assert.True(await stranger.Locator("#ask").IsVisibleAsync());
    }

    private static async Task<List<string>> SeriousViolationsAsync(IPage page) =>
        [.. (await page.RunAxe()).Violations.Where(violation => violation.Impact is "serious" or "critical")
            .Select(violation => $"{violation.Id}: {violation.Help} ({violation.Nodes.Length} nodes)")];

    [GeneratedRegex(@"/alumnus/link/[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+")]
    private static partial Regex LinkPath();
}
