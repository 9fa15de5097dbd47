using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.Testing;

namespace TalentNet.Gateway.Tests;

/// <summary>The three real services on Kestrel (no broker: each section from its own writes) behind a Development gateway.</summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _services = [];

    public GatewayHost Gateway { get; private set; } = null!;

    public Uri Candidates { get; private set; } = null!;

    public Uri Alumni { get; private set; } = null!;

    public string Department { get; } = $"Dash-{Guid.NewGuid():N}"[..16];

    public async Task InitializeAsync()
    {
        Candidates = await StartAsync(new ServiceHost<CandidatesProgram>(TestDatabase.NewPath("dashboard-candidates"), rabbitMqUrl: null));
        Alumni = await StartAsync(new ServiceHost<AlumniProgram>(TestDatabase.NewPath("dashboard-alumni"), rabbitMqUrl: null));
        var recommendations = await StartAsync(new ServiceHost<RecommendationsProgram>(TestDatabase.NewPath("dashboard-recommendations"), rabbitMqUrl: null));
        var integrations = await StartAsync(new ServiceHost<IntegrationsProgram>(TestDatabase.NewPath("dashboard-integrations"), rabbitMqUrl: null));
        Gateway = new GatewayHost("Development", new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:candidates:Destinations:service:Address"] = Candidates.ToString(),
            ["ReverseProxy:Clusters:alumni:Destinations:service:Address"] = Alumni.ToString(),
            ["ReverseProxy:Clusters:recommendations:Destinations:service:Address"] = recommendations.ToString(),
            ["ReverseProxy:Clusters:integrations:Destinations:service:Address"] = integrations.ToString(),
        });

        var admin = new HttpClient { BaseAddress = Candidates }.As(Roles.Admin);
        var job = (await Answer.CreatedAsync(await admin.PostAsJsonAsync("/api/jobs", new
        {
            title = "Data Engineer", department = Department, location = "Oslo", skills = new[] { "sql" }, hiringManagerEmail = "mgr@acme.example",
        }))).Id();
        var appliedAt = DateTimeOffset.UtcNow.AddDays(-20);
        foreach (var channel in new[] { "linkedin", "linkedin", "facebook" })
        {
            var candidate = (await Answer.CreatedAsync(await admin.PostAsJsonAsync("/api/candidates", new { fullName = "C", email = $"{Guid.NewGuid():N}@x.example" }))).Id();
            var application = await Answer.CreatedAsync(await admin.PostAsJsonAsync("/api/applications", new { candidateId = candidate, jobId = job, source = new { channel }, appliedAt }));
            if (channel == "facebook")
            {
                await Answer.OkAsync(await admin.PostAsJsonAsync($"/api/applications/{application.Id()}/stage", new { stage = "hired", occurredAt = appliedAt.AddDays(9) }));
            }
        }

        await Answer.CreatedAsync(await admin.PostAsJsonAsync("/api/jobs", new
        {
            title = "Nurse", department = "Care", location = "Oslo", skills = new[] { "care" }, hiringManagerEmail = "mgr@acme.example",
        }));
        var hr = new HttpClient { BaseAddress = Alumni }.As(Roles.Hr);
        var lastDay = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-40)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Created, (await hr.PostAsJsonAsync("/api/departures", new
        {
            employeeId = $"E-{Guid.NewGuid():N}"[..12], fullName = "K", workEmail = $"{Guid.NewGuid():N}@acme.example", department = Department, role = "Engineer",
            manager = new { name = "M", email = "mgr@acme.example" }, lastDay, reason = "relocation",
            consents = new { alumniNetwork = true, rehireOutreach = true, recommendationRequest = true, referralAsk = true },
        })).StatusCode);
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        foreach (var service in _services)
        {
            await service.DisposeAsync();
        }
    }

    public async Task<HttpClient> SignedInAsync(string role)
    {
        var browser = Gateway.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync($"/dev/sign-in?role={role}&returnUrl=/")).StatusCode);
        return browser;
    }

    private Task<Uri> StartAsync<TProgram>(ServiceHost<TProgram> host)
        where TProgram : class
    {
        _services.Add(host);
        return host.ListenAsync();
    }
}

public sealed class DashboardTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    [Fact]
    public async Task Hr_gets_every_section_in_one_answer_and_a_department_narrows_it()
    {
        var hr = await fixture.SignedInAsync(Roles.Hr);
        var dashboard = await Answer.OkAsync(await hr.GetAsync("/api/dashboard"));
        Assert.Equal("NOK", dashboard.Str("currency"));
        Assert.Contains(fixture.Department, dashboard.GetProperty("departments").EnumerateArray().Select(name => name.GetString()));
        var channels = dashboard.GetProperty("channels").GetProperty("channels").EnumerateArray().ToDictionary(row => row.Str("channel"));
        Assert.Equal((2L, 1L, 1L), (channels["linkedin"].GetProperty("applications").GetInt64(), channels["facebook"].GetProperty("applications").GetInt64(), channels["facebook"].GetProperty("hires").GetInt64()));
        Assert.Equal(9.0, channels["facebook"].GetProperty("medianDaysToHire").GetDouble());
        Assert.Equal(1L, dashboard.GetProperty("returns").GetProperty("leavers").GetInt64());
        Assert.Equal(0L, dashboard.GetProperty("recommendations").GetProperty("coverage").GetProperty("of").GetInt64());
        foreach (var section in new[] { "channels", "recommendations", "returns" })
        {
            Assert.False(dashboard.GetProperty(section).TryGetProperty("departments", out _), $"{section} repeats the departments");
        }

        var narrowed = await Answer.OkAsync(await hr.GetAsync($"/api/dashboard?department={fixture.Department}"));
        Assert.Equal(fixture.Department, narrowed.Str("department"));
        Assert.Equal(JsonValueKind.Null, narrowed.GetProperty("channels").GetProperty("channels")[0].GetProperty("spend").ValueKind);
        var empty = await Answer.OkAsync(await hr.GetAsync("/api/dashboard?department=Care&from=2020-01&to=2020-12"));
        Assert.Equal(0, empty.GetProperty("channels").GetProperty("channels").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("returns").GetProperty("boomerangRate").GetProperty("share").ValueKind);
    }

    [Theory]
    [InlineData("department=Nowhere", "department")]
    [InlineData("from=2026-06&to=2026-01", "to")]
    [InlineData("from=2020-01&to=2026-01", "to")]
    [InlineData("from=June", "from")]
    public async Task Bad_filters_are_400_problems(string query, string field)
    {
        var hr = await fixture.SignedInAsync(Roles.Hr);
        var problem = await Answer.ProblemAsync(await hr.GetAsync($"/api/dashboard?{query}"), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Only_hr_and_admin_read_it_and_a_tool_uses_its_own_token()
    {
        var recruiter = await fixture.SignedInAsync(Roles.Recruiter);
        Assert.Equal(HttpStatusCode.Forbidden, (await recruiter.GetAsync("/api/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Gateway.Browser().GetAsync("/api/dashboard")).StatusCode);
        var tool = fixture.Gateway.CreateClient().As(Roles.Admin);
        Assert.Equal(HttpStatusCode.OK, (await tool.GetAsync("/api/dashboard")).StatusCode);
    }

    [Fact]
    public async Task A_table_downloads_as_csv()
    {
        var hr = await fixture.SignedInAsync(Roles.Hr);
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/dashboard?department={fixture.Department}&table=channels");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var response = await hr.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        Assert.Contains("stages:sourced", header);
        var facebook = lines.Skip(1).Select(line => line.Split(',')).Single(cells => cells[Array.IndexOf(header, "channel")] == "facebook");
        Assert.Equal(("1", "1", "9"), (facebook[Array.IndexOf(header, "applications")], facebook[Array.IndexOf(header, "hires")], facebook[Array.IndexOf(header, "medianDaysToHire")]));

        var untitled = new HttpRequestMessage(HttpMethod.Get, "/api/dashboard");
        untitled.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var problem = await Answer.ProblemAsync(await hr.SendAsync(untitled), HttpStatusCode.BadRequest);
        Assert.Contains("coverage-by-manager", problem.GetProperty("errors").GetProperty("table")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_that_does_not_answer_is_a_503_that_names_it()
    {
        await using var gateway = new GatewayHost("Development", new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:candidates:Destinations:service:Address"] = fixture.Candidates.ToString(),
            ["ReverseProxy:Clusters:alumni:Destinations:service:Address"] = fixture.Alumni.ToString(),
            ["ReverseProxy:Clusters:recommendations:Destinations:service:Address"] = "http://127.0.0.1:9/",
        });
        var problem = await Answer.ProblemAsync(await gateway.CreateClient().As(Roles.Hr).GetAsync("/api/dashboard"), HttpStatusCode.ServiceUnavailable);
        Assert.Contains("recommendations", problem.Str("detail"), StringComparison.Ordinal);
    }
}
