using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.Testing;

namespace TalentNet.Gateway.Tests;

public sealed class GatewayTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static readonly object Job = new { title = "Backend Developer", department = "Engineering", hiringManagerEmail = "ola.hansen@acme.example" };

    [Fact]
    public async Task A_signed_in_person_reaches_the_services_with_their_own_role_and_no_more()
    {
        var hr = await fixture.SignedInAsync(Roles.Hr);
        Assert.Equal(HttpStatusCode.OK, (await hr.GetAsync("/candidates/api/jobs")).StatusCode);
        // HR may read jobs but not open them: the service, not the gateway, says no.
        var refused = await hr.SendAsync(SameOrigin(HttpMethod.Post, "/candidates/api/jobs", Job));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        var recruiter = await fixture.SignedInAsync(Roles.Recruiter);
        Assert.Equal(HttpStatusCode.Created, (await recruiter.SendAsync(SameOrigin(HttpMethod.Post, "/candidates/api/jobs", Job))).StatusCode);
    }

    [Fact]
    public async Task The_service_gets_a_short_lived_token_for_that_person_the_prefix_stripped_and_no_cookie()
    {
        var manager = await fixture.SignedInAsync(Roles.Manager, "Ola.Hansen@acme.example");
        var echo = await manager.GetFromJsonAsync<JsonElement>("/alumni/api/recommendation-requests?status=requested");
        Assert.Equal("/api/recommendation-requests", echo.GetProperty("path").GetString());
        Assert.Equal("", echo.GetProperty("cookie").GetString());
        var bearer = echo.GetProperty("authorization").GetString()!;
        Assert.StartsWith("Bearer ", bearer, StringComparison.Ordinal);
        var token = new JsonWebToken(bearer["Bearer ".Length..]);
        Assert.Equal(("manager", "ola.hansen@acme.example", "dev-manager"),
            (token.GetClaim(TalentNetClaims.Role).Value, token.GetClaim(TalentNetClaims.Email).Value, token.Subject));
        Assert.InRange(token.ValidTo - DateTime.UtcNow, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task A_tool_keeps_its_own_credential_and_nobody_gets_one_for_free()
    {
        var tool = fixture.Gateway.CreateClient().As(Roles.Integration);
        var sent = tool.DefaultRequestHeaders.Authorization!.ToString();
        var echo = await tool.GetFromJsonAsync<JsonElement>("/alumni/api/departures");
        Assert.Equal(sent, echo.GetProperty("authorization").GetString());

        var anonymous = fixture.Gateway.Browser();
        Assert.Equal("", (await anonymous.GetFromJsonAsync<JsonElement>("/alumni/anything")).GetProperty("authorization").GetString());
        var refused = await anonymous.GetAsync("/candidates/api/jobs");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task An_ats_webhook_passes_through_as_sent_and_only_as_a_post()
    {
        var vendor = fixture.Gateway.Browser();
        var delivery = new HttpRequestMessage(HttpMethod.Post, "/webhooks/greenhouse") { Content = JsonContent.Create(new { action = "ping" }) };
        delivery.Headers.TryAddWithoutValidation("Signature", "sha256 0123abcd");
        var echo = await (await vendor.SendAsync(delivery)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("POST", "/webhooks/greenhouse", "sha256 0123abcd", ""),
            (echo.GetProperty("method").GetString(), echo.GetProperty("path").GetString(), echo.GetProperty("signature").GetString(), echo.GetProperty("authorization").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await vendor.GetAsync("/webhooks/greenhouse")).StatusCode);

        var tool = fixture.Gateway.CreateClient().As(Roles.Integration);
        Assert.Equal("/api/webhook-deliveries", (await tool.GetFromJsonAsync<JsonElement>("/integrations/api/webhook-deliveries")).GetProperty("path").GetString());
    }

    [Fact]
    public async Task Who_am_i_names_the_person_and_their_roles()
    {
        var hr = await fixture.SignedInAsync(Roles.Hr);
        var me = await hr.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal(("dev-hr", "Developer (hr)"), (me.GetProperty("subject").GetString(), me.GetProperty("name").GetString()));
        Assert.Equal(["hr"], me.GetProperty("roles").EnumerateArray().Select(role => role.GetString()));

        Assert.Equal(HttpStatusCode.Redirect, (await hr.PostAsync("/sign-out", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await hr.GetAsync("/api/me")).StatusCode);
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    [InlineData("Origin", "http://evil.example")]
    [InlineData(null, null)]
    public async Task A_write_carried_by_the_cookie_from_elsewhere_is_refused_before_any_service(string? header, string? value)
    {
        var recruiter = await fixture.SignedInAsync(Roles.Recruiter);
        var request = new HttpRequestMessage(HttpMethod.Post, "/alumni/api/referrals") { Content = JsonContent.Create(Job) };
        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }

        var refused = await recruiter.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        var tool = fixture.Gateway.CreateClient().As(Roles.Recruiter);
        Assert.Equal(HttpStatusCode.OK, (await tool.PostAsJsonAsync("/alumni/api/referrals", Job)).StatusCode);
    }

    [Theory]
    [InlineData("role=boss", "role")]
    [InlineData("role=hr&returnUrl=//evil.example/", "returnUrl")]
    [InlineData("role=hr&returnUrl=https://evil.example/", "returnUrl")]
    [InlineData("role=manager&email=not-an-email", "email")]
    public async Task The_dev_sign_in_refuses_unknown_roles_and_open_redirects(string query, string field)
    {
        var response = await fixture.Gateway.Browser().GetAsync($"/dev/sign-in?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task The_web_app_is_served_and_an_unknown_path_is_404()
    {
        var browser = fixture.Gateway.Browser();
        var page = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>TalentNet</title>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/no/such/page")).StatusCode);
    }

    [Fact]
    public async Task Sessions_survive_a_restart_when_their_keys_are_kept_in_a_shared_directory()
    {
        var keys = Path.Combine(Path.GetTempPath(), "talentnet-tests", $"gateway-keys-{Guid.NewGuid():N}");
        var settings = new Dictionary<string, string?> { ["Auth:SessionKeysDirectory"] = keys };
        string cookie;
        await using (var first = new GatewayHost("Development", settings))
        {
            var signIn = await first.Browser().GetAsync("/dev/sign-in?role=hr&returnUrl=/");
            cookie = signIn.Headers.GetValues("Set-Cookie").Single(value => value.StartsWith("talentnet.session=", StringComparison.Ordinal)).Split(';')[0];
        }

        Assert.NotEmpty(Directory.GetFiles(keys, "*.xml"));
        await using var second = new GatewayHost("Development", settings);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await second.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false }).SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Swagger_of_each_service_is_reachable_through_the_gateway()
    {
        var document = await fixture.Gateway.Browser().GetFromJsonAsync<JsonElement>("/candidates/swagger/v1/swagger.json");
        Assert.Equal("TalentNet candidates API", document.GetProperty("info").GetProperty("title").GetString());
    }

    [Fact]
    public async Task Outside_development_there_is_no_dev_sign_in_and_no_start_without_an_identity_provider()
    {
        await using var production = new GatewayHost("Production", new Dictionary<string, string?>
        {
            ["Auth:Authority"] = "https://login.acme.example/",
            ["Auth:ClientId"] = "talentnet",
            ["Auth:ClientSecret"] = "not-used-here",
        });
        Assert.Equal(HttpStatusCode.NotFound, (await production.Browser().GetAsync("/dev/sign-in?role=admin")).StatusCode);

        await using var unconfigured = new GatewayHost("Production", new Dictionary<string, string?>());
        var failure = Assert.Throws<OptionsValidationException>(() => unconfigured.CreateClient());
        Assert.Contains("Auth:Authority is required outside Development", failure.Message, StringComparison.Ordinal);

        await using var copied = new GatewayHost("Production", new Dictionary<string, string?>
        {
            ["Auth:Authority"] = "https://login.acme.example/",
            ["Auth:ClientId"] = "talentnet",
            ["Auth:ClientSecret"] = "change-me",
        });
        var placeholder = Assert.Throws<OptionsValidationException>(() => copied.CreateClient());
        Assert.Contains("Auth:ClientSecret holds a placeholder from an example file", placeholder.Message, StringComparison.Ordinal);
    }

    private static HttpRequestMessage SameOrigin(HttpMethod method, string path, object body)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "same-origin");
        return request;
    }
}
