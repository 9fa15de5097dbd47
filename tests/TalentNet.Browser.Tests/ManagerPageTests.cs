using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using TalentNet.ServiceDefaults.Auth;

namespace TalentNet.Browser.Tests;

/// <summary>The former manager's page in Debian's Chromium: their own requests, give, decline and publish.</summary>
[Collection(SeededSystem.Collection)]
public sealed class ManagerPageTests(SeededSystem system)
{
    [Fact]
    public async Task A_manager_gives_one_recommendation_publishes_it_declines_another_and_sees_only_their_own()
    {
        var manager = $"page.{Guid.NewGuid():N}@acme.example";
        using var hr = new HttpClient { BaseAddress = system.Gateway }.As(Roles.Hr);
        var lastDay = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-20).ToString("yyyy-MM-dd");
        foreach (var (name, linkedIn) in new[] { ("Kari Nordmann", "https://www.linkedin.com/in/kari-nordmann"), ("Per Hansen", (string?)null) })
        {
            var recorded = await hr.PostAsJsonAsync("/alumni/api/departures", new
            {
                employeeId = $"E-{Guid.NewGuid():N}"[..12], fullName = name, workEmail = $"{Guid.NewGuid():N}@acme.example", department = "Engineering",
                role = "Backend Developer", manager = new { name = "Ola Hansen", email = manager }, lastDay, reason = "relocation",
                exitInterview = new { wouldReturn = "yes" }, linkedInUrl = linkedIn,
                consents = new { alumniNetwork = true, rehireOutreach = true, recommendationRequest = true, referralAsk = true },
            });
            Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        }

        var requests = await Eventually.WaitForAsync(
            async () => (await hr.GetFromJsonAsync<JsonElement>($"/recommendations/api/recommendation-requests?managerEmail={Uri.EscapeDataString(manager)}")).GetProperty("items").EnumerateArray().ToList(),
            items => items.Count == 2, TimeSpan.FromSeconds(30));
        var kari = requests.Single(request => request.GetProperty("alumnusName").GetString() == "Kari Nordmann").GetProperty("id").GetGuid();
        var per = requests.Single(request => request.GetProperty("alumnusName").GetString() == "Per Hansen").GetProperty("id").GetGuid();

        await using var context = await system.Browser.NewContextAsync(new() { BaseURL = system.Gateway.ToString() });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        await page.GotoAsync($"/dev/sign-in?role=manager&email={Uri.EscapeDataString(manager)}&returnUrl=/manager/requests/{kari}");
        await page.WaitForSelectorAsync("main[data-loaded='true']");
        Assert.Equal(2, await page.Locator("#open > li").CountAsync());
        var card = page.Locator($"#request-{kari}");
        Assert.Contains("focused", await card.GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
        Assert.Equal(["Backend Developer", "Engineering", lastDay, "Yes"],
            [await Fact(card, "role"), await Fact(card, "department"), await Fact(card, "lastDay"), await Fact(card, "wouldReturn")]);
        Assert.Equal("https://www.linkedin.com/in/kari-nordmann", await card.Locator("[data-field='linkedIn'] a").GetAttributeAsync("href"));
        var serious = (await page.RunAxe()).Violations.Where(violation => violation.Impact is "serious" or "critical")
            .Select(violation => $"{violation.Id}: {violation.Help} ({violation.Nodes.Length} nodes)").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));

        // Give (by keyboard-reachable controls), then publish on LinkedIn.
        await card.Locator("textarea[name='text']").FillAsync("Kari is the colleague everyone asks first.");
        await card.Locator("input[name='strengths']").FillAsync("mentoring, sql");
        await card.GetByLabel("Yes").CheckAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Give the recommendation" }).ClickAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('status').textContent.startsWith('Thank you')");
        card = page.Locator($"#done #request-{kari}");
        Assert.Equal("Kari is the colleague everyone asks first.", await card.Locator("[data-field='prefill']").InputValueAsync());
        await card.Locator("input[name='url']").FillAsync("https://www.linkedin.com/in/kari-nordmann/details/recommendations/");
        await card.GetByRole(AriaRole.Button, new() { Name = "Record the address" }).ClickAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('status').textContent.includes('on LinkedIn')");
        Assert.Equal("Given and published on LinkedIn", await Fact(page.Locator($"#request-{kari}"), "state"));

        // Decline the other one.
        var other = page.Locator($"#request-{per}");
        Assert.Equal("Not given", await Fact(other, "linkedIn"));
        await other.Locator("input[name='reason']").FillAsync("I never worked with Per directly.");
        await other.GetByRole(AriaRole.Button, new() { Name = "Decline" }).ClickAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('status').textContent.startsWith('Recorded: you declined')");
        Assert.Equal(0, await page.Locator("#open > li").CountAsync());
        Assert.False(await page.Locator("#none-open").IsHiddenAsync());

        var given = await hr.GetFromJsonAsync<JsonElement>($"/recommendations/api/recommendation-requests/{kari}");
        Assert.Equal(("given", "https://www.linkedin.com/in/kari-nordmann/details/recommendations/", $"manager {manager}"),
            (given.GetProperty("status").GetString(), given.GetProperty("publishedUrl").GetString(), given.GetProperty("actedBy").GetString()));
        Assert.Equal(["mentoring", "sql"], given.GetProperty("strengths").EnumerateArray().Select(strength => strength.GetString()));
        Assert.Equal("declined", (await hr.GetFromJsonAsync<JsonElement>($"/recommendations/api/recommendation-requests/{per}")).GetProperty("status").GetString());
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        // Another manager sees none of them.
        await using var otherContext = await system.Browser.NewContextAsync(new() { BaseURL = system.Gateway.ToString() });
        var otherPage = await otherContext.NewPageAsync();
        await otherPage.GotoAsync($"/dev/sign-in?role=manager&email=someone.{Guid.NewGuid():N}@acme.example&returnUrl=/manager");
        await otherPage.WaitForSelectorAsync("main[data-loaded='true']");
        Assert.Equal(0, await otherPage.Locator("li.request").CountAsync());
    }

    private static async Task<string> Fact(ILocator card, string name) => (await card.Locator($"[data-field='{name}']").TextContentAsync() ?? "").Trim();
}
