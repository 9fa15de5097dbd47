using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TalentNet.ServiceDefaults.Auth;

namespace TalentNet.Candidates.Tests;

/// <summary>What the social channels cost: exact money, one amount per channel, campaign and month, one currency.</summary>
public sealed class ChannelSpendTests(CandidatesApp app) : IClassFixture<CandidatesApp>
{
    [Fact]
    public async Task Spend_is_recorded_read_corrected_listed_and_deleted_to_the_cent()
    {
        var campaign = $"autumn-{Guid.NewGuid():N}"[..20];
        var recorded = await Answer.CreatedAsync(await app.Hr.PostAsJsonAsync("/api/channel-spend",
            new { channel = "linkedin", campaign, month = "2026-10", amount = 12000.50m, currency = "NOK" }));
        Assert.Equal(("linkedin", campaign, "2026-10", "NOK"), (recorded.Str("channel"), recorded.Str("campaign"), recorded.Str("month"), recorded.Str("currency")));
        Assert.Equal(12000.50m, recorded.GetProperty("amount").GetDecimal());

        var read = await app.Recruiter.GetAsync($"/api/channel-spend/{recorded.Id()}");
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
        Assert.Equal(12000.50m, (await Answer.OkAsync(read)).GetProperty("amount").GetDecimal());

        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/channel-spend/{recorded.Id()}")
        {
            Content = JsonContent.Create(new { channel = "linkedin", campaign, month = "2026-10", amount = 0.01m, currency = "NOK" }),
        };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"7\"");
        await Answer.ProblemAsync(await app.Hr.SendAsync(stale), HttpStatusCode.PreconditionFailed);
        var corrected = await Answer.OkAsync(await app.Hr.PutAsJsonAsync($"/api/channel-spend/{recorded.Id()}",
            new { channel = "linkedin", campaign, month = "2026-10", amount = 9999999999.99m, currency = "nok" }));
        Assert.Equal((9999999999.99m, 2), (corrected.GetProperty("amount").GetDecimal(), corrected.GetProperty("version").GetInt32()));

        await Answer.CreatedAsync(await app.Hr.PostAsJsonAsync("/api/channel-spend", new { channel = "linkedin", campaign, month = "2026-11", amount = 0.01m, currency = "NOK" }));
        await Answer.CreatedAsync(await app.Hr.PostAsJsonAsync("/api/channel-spend", new { channel = "facebook", campaign, month = "2026-11", amount = 500m, currency = "NOK" }));
        var listed = await Answer.OkAsync(await app.Hr.GetAsync($"/api/channel-spend?campaign={campaign}&channel=linkedin&from=2026-01&to=2026-12"));
        var items = listed.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["2026-11", "2026-10"], items.Select(item => item.Str("month")));
        Assert.Equal(9999999999.99m + 0.01m, items.Sum(item => item.GetProperty("amount").GetDecimal()));

        Assert.Equal(HttpStatusCode.NoContent, (await app.Hr.DeleteAsync($"/api/channel-spend/{recorded.Id()}")).StatusCode);
        await Answer.ProblemAsync(await app.Hr.GetAsync($"/api/channel-spend/{recorded.Id()}"), HttpStatusCode.NotFound);
        await Answer.ProblemAsync(await app.Hr.DeleteAsync($"/api/channel-spend/{recorded.Id()}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_same_channel_campaign_and_month_twice_is_409_with_the_existing_one()
    {
        var body = new { channel = "x", month = "2026-09", amount = 250m, currency = "NOK" };
        var first = await Answer.CreatedAsync(await app.Hr.PostAsJsonAsync("/api/channel-spend", body));
        var conflict = await Answer.ProblemAsync(await app.Hr.PostAsJsonAsync("/api/channel-spend", body), HttpStatusCode.Conflict);
        Assert.Equal($"/api/channel-spend/{first.Id()}", conflict.Str("existing"));
        Assert.Equal(JsonValueKind.Null, first.GetProperty("campaign").ValueKind);

        var other = await Answer.CreatedAsync(await app.Hr.PostAsJsonAsync("/api/channel-spend", body with { month = "2026-08" }));
        await Answer.ProblemAsync(await app.Hr.PutAsJsonAsync($"/api/channel-spend/{other.Id()}", body), HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("""{"channel":"myspace","month":"2026-10","amount":1,"currency":"NOK"}""", "channel", "Must be one of: linkedin, facebook")]
    [InlineData("""{"channel":"linkedin","month":"2026-13","amount":1,"currency":"NOK"}""", "month", "A month as YYYY-MM")]
    [InlineData("""{"channel":"linkedin","month":"October","amount":1,"currency":"NOK"}""", "month", "A month as YYYY-MM")]
    [InlineData("""{"channel":"linkedin","month":"2026-10","amount":12.345,"currency":"NOK"}""", "amount", "At most 2 decimals.")]
    [InlineData("""{"channel":"linkedin","month":"2026-10","amount":-5,"currency":"NOK"}""", "amount", "More than 0")]
    [InlineData("""{"channel":"linkedin","month":"2026-10","amount":1.0e3,"currency":"NOK"}""", "", "")]
    [InlineData("""{"channel":"linkedin","month":"2026-10","currency":"NOK"}""", "amount", "Required.")]
    public async Task Bad_spend_is_400_naming_the_field(string body, string field, string message)
    {
        var response = await app.Hr.PostAsync("/api/channel-spend", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        if (field.Length == 0)
        {
            // 1.0e3 is a valid JSON number for 1000: accepted (a distinct month keeps it from colliding).
            Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{(int)response.StatusCode}");
            return;
        }

        var problem = await Answer.ProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(error => error.GetString()!).ToList();
        Assert.Contains(errors, error => error.StartsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Another_currency_is_422_and_only_recruiters_hr_and_admins_see_spend()
    {
        var other = await Answer.ProblemAsync(await app.Hr.PostAsJsonAsync("/api/channel-spend",
            new { channel = "linkedin", month = "2026-10", amount = 100m, currency = "EUR" }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("NOK", other.Str("detail"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Forbidden, (await app.As(Roles.Manager).GetAsync("/api/channel-spend")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.As(Roles.Integration).PostAsJsonAsync("/api/channel-spend",
            new { channel = "linkedin", month = "2026-10", amount = 100m, currency = "NOK" })).StatusCode);
        await Answer.ProblemAsync(await app.Hr.GetAsync("/api/channel-spend?from=2026-10&to=2026-01"), HttpStatusCode.BadRequest);
    }
}
