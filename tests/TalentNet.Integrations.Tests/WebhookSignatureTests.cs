using System.Net;
using System.Text.Json;

namespace TalentNet.Integrations.Tests;

/// <summary>Each vendor's signature: good, bad, missing, and a body changed after signing; a refused delivery stores nothing.</summary>
public sealed class WebhookSignatureTests(IntegrationsApp app) : IClassFixture<IntegrationsApp>
{
    public static TheoryData<string> Vendors => new() { "greenhouse", "ashby", "lever" };

    [Theory]
    [MemberData(nameof(Vendors))]
    public async Task Only_a_delivery_signed_with_the_configured_secret_over_this_body_is_taken(string vendor)
    {
        var client = app.Host.CreateClient();
        var body = Body(vendor);
        var before = await CountAsync(vendor);

        await Refused(await client.SendAsync(Signed(vendor, body, key: "some-other-secret-0123456789")));
        await Refused(await client.SendAsync(Signed(vendor, body, key: null)));
        await Refused(await client.SendAsync(Signed(vendor, body, tamper: true)));
        Assert.Equal(before, await CountAsync(vendor));

        var taken = await client.SendAsync(Signed(vendor, body));
        Assert.True(taken.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, $"{vendor}: {taken.StatusCode} {await taken.Content.ReadAsStringAsync()}");
        Assert.Equal(before + 1, await CountAsync(vendor));
    }

    [Fact]
    public async Task A_vendor_without_a_secret_is_404_and_a_signed_body_that_is_not_json_is_400()
    {
        await using var unconfigured = new ServiceHost<IntegrationsProgram>(TestDatabase.NewPath("integrations-unconfigured"), rabbitMqUrl: null);
        var problem = await Answer.ProblemAsync(await unconfigured.CreateClient().SendAsync(Webhook.Greenhouse("{}")), HttpStatusCode.NotFound);
        Assert.Contains("Integrations:Greenhouse:SecretKey", problem.Str("detail"), StringComparison.Ordinal);

        await Answer.ProblemAsync(await app.Host.CreateClient().SendAsync(Webhook.Greenhouse("not json")), HttpStatusCode.BadRequest);
    }

    private static async Task Refused(HttpResponseMessage response) => await Answer.ProblemAsync(response, HttpStatusCode.Unauthorized);

    private static string Body(string vendor) => vendor switch
    {
        "greenhouse" => Webhook.Fixture("greenhouse", "new_candidate_application").Replace("71980812", Unique(), StringComparison.Ordinal),
        "ashby" => Webhook.Fixture("ashby", "applicationSubmit").Replace("75395d87-4044-4dc4-bc29-0cec185e5f06", Guid.NewGuid().ToString(), StringComparison.Ordinal),
        _ => LeverDelivery.Body(Guid.NewGuid().ToString(), "applicationCreated", triggeredAt: 1_760_000_000_000),
    };

    private static HttpRequestMessage Signed(string vendor, string body, string? key = "", bool tamper = false)
    {
        var sent = tamper ? body.Replace("\"", "\" ", StringComparison.Ordinal) : body;
        return vendor switch
        {
            "greenhouse" => Webhook.GreenhouseSignedAs(sent, key is null ? null : Webhook.Hmac(key == "" ? IntegrationsApp.GreenhouseKey : key, body)),
            "ashby" => Webhook.AshbySignedAs(sent, key is null ? null : Webhook.Hmac(key == "" ? IntegrationsApp.AshbyKey : key, body)),
            _ => LeverDelivery.Post(body, key is null ? null : key == "" ? IntegrationsApp.LeverToken : key, tamper),
        };
    }

    private async Task<long> CountAsync(string vendor)
    {
        var page = await Answer.OkAsync(await app.Operator.GetAsync($"/api/webhook-deliveries?system={vendor}"));
        return page.GetProperty("total").GetInt64();
    }

    private static string Unique() => Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
