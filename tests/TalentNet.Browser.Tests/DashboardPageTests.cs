using System.Globalization;
using System.Text.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace TalentNet.Browser.Tests;

/// <summary>The HR dashboard in Debian's Chromium, against the seeded system.</summary>
[Collection(SeededSystem.Collection)]
public sealed class DashboardPageTests(SeededSystem system)
{
    private static readonly string[] Tables =
        ["channels", "channel-trend", "campaigns", "top-links", "coverage-by-department", "coverage-by-manager", "requests", "boomerang-trend", "return-by-recommendation"];

    private static readonly string[] Charts =
        ["chart-channels", "chart-channel-trend", "chart-coverage", "chart-requests", "chart-boomerang-trend", "chart-return-by-recommendation"];

    [Fact]
    public async Task Hr_sees_every_section_with_the_api_numbers_a_department_narrows_them_and_the_page_is_usable_by_keyboard()
    {
        Assert.True(system.PopulatedAfter < TimeSpan.FromSeconds(90), $"seeding took {system.SeedingTook}, the dashboard was complete after {system.PopulatedAfter}");
        Assert.False(system.SecondRunAdded, "a second demo run added data");
        await using var context = await system.Browser.NewContextAsync(new() { BaseURL = system.Gateway.ToString(), ViewportSize = new() { Width = 1400, Height = 1000 } });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);

        await page.GotoAsync("/dev/sign-in?role=hr&returnUrl=/");
        await page.WaitForSelectorAsync("#dashboard[data-loaded='true']");
        var window = $"from={await page.InputValueAsync("#from")}&to={await page.InputValueAsync("#to")}";
        var api = await ApiAsync(context, window);

        foreach (var table in Tables)
        {
            Assert.True((await RowsAsync(page, table)).Count > 0, $"table {table} is empty");
        }

        foreach (var chart in Charts)
        {
            var points = await page.EvaluateAsync<int>(
                "id => Chart.getChart(id).data.datasets.reduce((n, set) => n + set.data.filter(value => value > 0).length, 0)", chart);
            Assert.True(points > 0, $"chart {chart} draws nothing");
        }

        api = await ShowsAsync(page, api, () => ApiAsync(context, window));
        Directory.CreateDirectory(Path.Combine(RepositoryRoot.Path, "TestResults"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(RepositoryRoot.Path, "TestResults", "dashboard.png"), FullPage = true });

        var department = api.GetProperty("departments")[0].GetString()!;
        await page.SelectOptionAsync("#department", department);
        await page.ClickAsync("#filters button[type=submit]");
        await page.WaitForFunctionAsync("text => document.getElementById('status').textContent.includes(text)", $"for {department}.");
        var narrowed = await ApiAsync(context, $"{window}&department={Uri.EscapeDataString(department)}");
        Assert.NotEqual(Applications(api), Applications(narrowed));
        await AssertPageShowsAsync(page, narrowed);

        await AssertEveryControlIsReachedByTabAsync(page);
        var serious = (await page.RunAxe()).Violations.Where(violation => violation.Impact is "serious" or "critical")
            .Select(violation => $"{violation.Id}: {violation.Help} ({violation.Nodes.Length} nodes)").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task A_recruiter_sees_no_dashboard_and_its_numbers_are_refused()
    {
        await using var context = await system.Browser.NewContextAsync(new() { BaseURL = system.Gateway.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/dev/sign-in?role=recruiter&returnUrl=/");
        await page.WaitForFunctionAsync("() => document.getElementById('who').textContent.startsWith('Signed in')");
        Assert.False(await page.IsVisibleAsync("#dashboard"));
        Assert.Equal(403, (await context.APIRequest.GetAsync("/api/dashboard")).Status);
    }

    /// <summary>The numbers on the page are the API's: per channel, the key figures, coverage and return by outcome.</summary>
    /// <summary>
    /// The page shows the API's numbers. The system is live (the last events may still be landing),
    /// so a page and an API read a moment apart may differ once: then both are read again, up to three times.
    /// </summary>
    private static async Task<JsonElement> ShowsAsync(IPage page, JsonElement api, Func<Task<JsonElement>> readApi)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await AssertPageShowsAsync(page, api);
                return api;
            }
            catch (Xunit.Sdk.XunitException) when (attempt < 3)
            {
                await page.ReloadAsync();
                await page.WaitForSelectorAsync("#dashboard[data-loaded='true']");
                api = await readApi();
            }
        }
    }

    private static async Task AssertPageShowsAsync(IPage page, JsonElement api)
    {
        var channels = (await RowsAsync(page, "channels")).ToDictionary(row => row["channel"]);
        foreach (var channel in api.GetProperty("channels").GetProperty("channels").EnumerateArray())
        {
            var row = channels[channel.GetProperty("channel").GetString()!];
            foreach (var key in new[] { "applications", "hires", "medianDaysToHire", "spend", "costPerHire" })
            {
                Assert.Equal(Raw(channel.GetProperty(key)), row[key]);
            }

            foreach (var stage in channel.GetProperty("stages").EnumerateArray())
            {
                Assert.Equal(Raw(stage.GetProperty("reached")), row[$"stage:{stage.GetProperty("stage").GetString()}"]);
            }
        }

        Assert.Equal(channels.Count, api.GetProperty("channels").GetProperty("channels").GetArrayLength());
        var recommendations = api.GetProperty("recommendations");
        var returns = api.GetProperty("returns");
        var figures = new Dictionary<string, JsonElement>
        {
            ["coverage"] = recommendations.GetProperty("coverage").GetProperty("share"),
            ["overdue"] = recommendations.GetProperty("overdue"),
            ["medianDaysToGive"] = recommendations.GetProperty("medianDaysToGive"),
            ["publishedShare"] = recommendations.GetProperty("publishedShare").GetProperty("share"),
            ["leavers"] = returns.GetProperty("leavers"),
            ["boomerangRate"] = returns.GetProperty("boomerangRate").GetProperty("share"),
            ["boomerangShareOfHires"] = returns.GetProperty("boomerangShareOfHires").GetProperty("share"),
            ["medianMonthsAway"] = returns.GetProperty("medianMonthsAway"),
            ["referralConversion"] = returns.GetProperty("referralConversion").GetProperty("share"),
        };
        foreach (var (key, value) in figures)
        {
            var shown = await page.GetAttributeAsync($"dd[data-key='{key}']", "data-value");
            Assert.True(Raw(value) == shown, $"figure {key}: the API says {Raw(value)}, the page {shown}");
        }

        var coverage = (await RowsAsync(page, "coverage-by-department")).Select(row => (row["name"], row["given"], row["consented"]));
        Assert.Equal(
            recommendations.GetProperty("byDepartment").EnumerateArray().Select(row => (row.GetProperty("name").GetString()!, Raw(row.GetProperty("given")), Raw(row.GetProperty("consented")))),
            coverage);
        var outcomes = (await RowsAsync(page, "return-by-recommendation")).Select(row => (row["quarter"], row["outcome"], row["leavers"], row["returned"]));
        Assert.Equal(
            returns.GetProperty("returnByRecommendation").EnumerateArray().Select(row => (
                row.GetProperty("quarter").GetString()!, row.GetProperty("outcome").GetString()!, Raw(row.GetProperty("leavers")), Raw(row.GetProperty("returned")))),
            outcomes);
    }

    private static async Task AssertEveryControlIsReachedByTabAsync(IPage page)
    {
        var controls = await page.EvaluateAsync<int>(
            """
            () => {
              const all = [...document.querySelectorAll('a[href], button, input, select, [tabindex="0"]')].filter(element => element.offsetParent !== null);
              all.forEach((element, index) => element.dataset.control = String(index));
              return all.length;
            }
            """);
        var reached = new HashSet<string>();
        await page.FocusAsync("body");
        for (var press = 0; press < controls + 5; press++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<string?>("() => document.activeElement && document.activeElement.dataset.control || null") is { } control)
            {
                reached.Add(control);
            }
        }

        var missed = Enumerable.Range(0, controls).Select(index => index.ToString(CultureInfo.InvariantCulture)).Except(reached).ToList();
        Assert.True(missed.Count == 0, $"{missed.Count} of {controls} controls are never reached by Tab");
    }

    private static async Task<List<Dictionary<string, string>>> RowsAsync(IPage page, string table)
    {
        var rows = await page.EvalOnSelectorAllAsync<string[][]>(
            $"[data-table='{table}'] tbody tr",
            "rows => rows.filter(row => row.cells[0].dataset.key).map(row => [...row.cells].map(cell => cell.dataset.key + '\\u0001' + cell.dataset.value))");
        return rows.Select(cells => cells.Select(cell => cell.Split('\u0001')).ToDictionary(pair => pair[0], pair => pair[1])).ToList();
    }

    private static async Task<JsonElement> ApiAsync(IBrowserContext context, string query)
    {
        var response = await context.APIRequest.GetAsync($"/api/dashboard?{query}");
        Assert.Equal(200, response.Status);
        return JsonDocument.Parse(await response.TextAsync()).RootElement.Clone();
    }

    /// <summary>A JSON value as the page keeps it in data-value (String(value) in JavaScript; null as empty).</summary>
    private static string Raw(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "",
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        _ => value.GetRawText(),
    };

    private static long Applications(JsonElement dashboard) =>
        dashboard.GetProperty("channels").GetProperty("channels").EnumerateArray().Sum(row => row.GetProperty("applications").GetInt64());
}
