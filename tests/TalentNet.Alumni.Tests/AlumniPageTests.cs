using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TalentNet.Contracts.Candidates;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.Testing;

namespace TalentNet.Alumni.Tests;

/// <summary>Alumni over a real broker on a fake clock: the links it issues are read back from its outbox.</summary>
public sealed class AlumniPageApp : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public ServiceHost<AlumniProgram> Host { get; private set; } = null!;

    public HttpClient Hr { get; private set; } = null!;

    public string Url { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var broker = await RabbitMqBroker.GetAsync();
        Url = await broker.CreateVirtualHostAsync("alumni-page");
        Host = new ServiceHost<AlumniProgram>(TestDatabase.NewPath("alumni-page"), Url,
            new Dictionary<string, string?> { ["Messaging:Outbox:Retention"] = "3650.00:00:00" },
            services => services.AddSingleton<TimeProvider>(Clock));
        Hr = Host.CreateClient().As(Roles.Hr);
        Assert.Equal(HttpStatusCode.OK, (await Eventually.WaitForAsync(() => Hr.GetAsync("/health/ready"), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(60))).StatusCode);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>A browser of its own: it keeps the cookies the service sets.</summary>
    public HttpClient Browser() => Host.CreateClient();

    /// <summary>The AlumniLinkIssued events for one alumnus, oldest first.</summary>
    public async Task<List<JsonElement>> LinksAsync(Guid alumnusId)
    {
        await using var connection = new SqliteConnection($"Data Source={Host.DatabasePath}");
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM outbox_messages WHERE message_type LIKE '%alumni-link-issued%' ORDER BY sequence";
        var links = new List<JsonElement>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var link = JsonDocument.Parse(reader.GetString(0)).RootElement.Clone();
            if (link.Id("alumnusId") == alumnusId)
            {
                links.Add(link);
            }
        }

        return links;
    }
}

public sealed class AlumniPageTests(AlumniPageApp app) : IClassFixture<AlumniPageApp>
{
    [Fact]
    public async Task A_leaver_in_the_network_gets_one_welcome_link_that_opens_the_page_once_and_a_session_that_expires()
    {
        var personal = $"kari.{Guid.NewGuid():N}@example.org";
        var alumnusId = (await app.Hr.DepartAsync(Api.Departure(personalEmail: personal))).Id("alumnusId");
        var outsider = (await app.Hr.DepartAsync(Api.Departure(consent: false))).Id("alumnusId");
        var welcome = Assert.Single(await app.LinksAsync(alumnusId));
        Assert.Empty(await app.LinksAsync(outsider));
        Assert.Equal(("welcome", personal, "Kari Nordmann"), (welcome.Str("purpose"), welcome.Str("email"), welcome.Str("fullName")));
        var token = welcome.Str("token");
        var timeline = await app.Hr.GetFromJsonAsync<JsonElement>($"/api/alumni/{alumnusId}/timeline");
        Assert.DoesNotContain(token, timeline.ToString(), StringComparison.Ordinal);

        var browser = app.Browser();
        await Api.ReadAsync(await browser.GetAsync("/api/alumni-page"), HttpStatusCode.Unauthorized);
        var check = await Api.ReadAsync(await browser.GetAsync($"/api/alumni-links/{token}"), HttpStatusCode.OK);
        Assert.Equal(app.Clock.GetUtcNow().AddDays(14).ToUnixTimeSeconds(), check.GetProperty("expiresAt").GetDateTimeOffset().ToUnixTimeSeconds());
        var opened = await browser.PostAsync($"/api/alumni-links/{token}/redeem", null);
        await Api.ReadAsync(opened, HttpStatusCode.OK);
        var cookie = Assert.Single(opened.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        var record = await Api.ReadAsync(await browser.GetAsync("/api/alumni-page"), HttpStatusCode.OK);
        Assert.Equal((alumnusId, personal), (record.GetProperty("alumnus").Id("id"), record.GetProperty("alumnus").Str("personalEmail")));
        Assert.Equal("moving to Bergen", record.GetProperty("exitInterview").Str("notes"));

        // Used up: neither a second click nor another browser opens it again; a staff token is not a session.
        await Api.ReadAsync(await app.Browser().PostAsync($"/api/alumni-links/{token}/redeem", null), HttpStatusCode.Gone);
        await Api.ReadAsync(await app.Browser().GetAsync($"/api/alumni-links/{token}"), HttpStatusCode.Gone);
        await Api.ReadAsync(await app.Hr.GetAsync("/api/alumni-page"), HttpStatusCode.Unauthorized);
        var forged = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];
        await Api.ReadAsync(await app.Browser().PostAsync($"/api/alumni-links/{forged}/redeem", null), HttpStatusCode.NotFound);
        await Api.ReadAsync(await app.Browser().GetAsync("/api/alumni-links/not-a-link"), HttpStatusCode.NotFound);
        // Characters outside base64url (found by the fuzz test: a 500 before).
        await Api.ReadAsync(await app.Browser().GetAsync("/api/alumni-links/kari%40example.org"), HttpStatusCode.NotFound);
        await Api.ReadAsync(await app.Browser().PostAsync("/api/alumni-links/a%3Ab.c%2Fd/redeem", null), HttpStatusCode.NotFound);

        // Leaving the network and joining it again does not welcome twice.
        foreach (var inNetwork in new[] { false, true })
        {
            await Api.ReadAsync(await app.Hr.PatchAsync($"/api/alumni/{alumnusId}", JsonContent.Create(new { consents = new { alumniNetwork = inNetwork } })), HttpStatusCode.OK);
        }

        Assert.Single(await app.LinksAsync(alumnusId));

        app.Clock.Advance(TimeSpan.FromMinutes(31));
        await Api.ReadAsync(await browser.GetAsync("/api/alumni-page"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Asking_for_a_link_answers_the_same_for_any_address_and_mails_only_the_personal_address_a_few_times_an_hour()
    {
        var personal = $"per.{Guid.NewGuid():N}@example.org";
        var departure = Api.Departure(personalEmail: personal, consent: false);
        var alumnusId = (await app.Hr.DepartAsync(departure)).Id("alumnusId");
        var work = (await app.Hr.GetFromJsonAsync<JsonElement>($"/api/alumni/{alumnusId}")).Str("workEmail");
        var browser = app.Browser();

        var known = await (await browser.PostAsJsonAsync("/api/alumni-links", new { email = personal.ToUpperInvariant() })).Content.ReadAsStringAsync();
        var unknown = await browser.PostAsJsonAsync("/api/alumni-links", new { email = $"nobody.{Guid.NewGuid():N}@example.org" });
        Assert.Equal(HttpStatusCode.Accepted, unknown.StatusCode);
        Assert.Equal(known, await unknown.Content.ReadAsStringAsync());
        await Api.ReadAsync(await browser.PostAsJsonAsync("/api/alumni-links", new { email = "not an address" }), HttpStatusCode.BadRequest);
        foreach (var _ in Enumerable.Range(0, 4))
        {
            Assert.Equal(HttpStatusCode.Accepted, (await browser.PostAsJsonAsync("/api/alumni-links", new { email = work })).StatusCode);
        }

        var links = await app.LinksAsync(alumnusId);
        Assert.Equal(3, links.Count);
        Assert.All(links, link => Assert.Equal(("requested", personal), (link.Str("purpose"), link.Str("email"))));

        // A link asked for opens for an hour.
        app.Clock.Advance(TimeSpan.FromMinutes(61));
        await Api.ReadAsync(await browser.PostAsync($"/api/alumni-links/{links[0].Str("token")}/redeem", null), HttpStatusCode.Gone);
        Assert.Equal(HttpStatusCode.Accepted, (await browser.PostAsJsonAsync("/api/alumni-links", new { email = personal })).StatusCode);
        Assert.Equal(4, (await app.LinksAsync(alumnusId)).Count);
    }

    [Fact]
    public async Task On_the_page_the_alumnus_changes_consents_and_contact_details_refers_someone_for_an_open_job_and_opts_out()
    {
        var jobId = Guid.NewGuid();
        await EventPublisher.PublishAsync(app.Url, [new JobOpened(Guid.NewGuid(), DateTimeOffset.UtcNow, jobId, "Staff Engineer", "Engineering", "Oslo", ["csharp"], "ola@acme.example")]);
        var alumnusId = (await app.Hr.DepartAsync(Api.Departure())).Id("alumnusId");
        var browser = app.Browser();
        await Api.ReadAsync(await browser.PostAsync($"/api/alumni-links/{(await app.LinksAsync(alumnusId))[0].Str("token")}/redeem", null), HttpStatusCode.OK);

        var consents = await Api.ReadAsync(await browser.PutAsJsonAsync("/api/alumni-page/consents",
            new { alumniNetwork = true, rehireOutreach = false, recommendationRequest = true, referralAsk = true }), HttpStatusCode.OK);
        Assert.False(consents.GetProperty("alumnus").GetProperty("consents").GetProperty("rehireOutreach").GetBoolean());
        Assert.Equal("alumnus", consents.GetProperty("consentHistory")[0].Str("source"));
        await Api.ReadAsync(await browser.PutAsJsonAsync("/api/alumni-page/consents", new { alumniNetwork = true }), HttpStatusCode.BadRequest);
        var timeline = await app.Hr.GetFromJsonAsync<JsonElement>($"/api/alumni/{alumnusId}/timeline");
        Assert.Equal("alumnus", timeline.GetProperty("items").EnumerateArray().Last(entry => entry.Str("kind") == "consents-changed").Str("source"));

        var newAddress = $"kari.new.{Guid.NewGuid():N}@example.org";
        await Api.ReadAsync(await browser.PutAsJsonAsync("/api/alumni-page/contact", new { personalEmail = "nope" }), HttpStatusCode.BadRequest);
        var contact = await Api.ReadAsync(await browser.PutAsJsonAsync("/api/alumni-page/contact",
            new { personalEmail = newAddress, linkedInUrl = "https://www.linkedin.com/in/kari-n" }), HttpStatusCode.OK);
        Assert.Equal(newAddress, contact.GetProperty("alumnus").Str("personalEmail"));

        var jobs = await Eventually.WaitForAsync(
            () => browser.GetFromJsonAsync<JsonElement>("/api/alumni-page/open-jobs"),
            page => page.GetProperty("items").EnumerateArray().Any(job => job.Id("jobId") == jobId), TimeSpan.FromSeconds(30));
        Assert.Equal("Staff Engineer", jobs.GetProperty("items").EnumerateArray().Single(job => job.Id("jobId") == jobId).Str("title"));
        var referral = new { jobId, candidateName = "Nils Berg", candidateEmail = $"nils.{Guid.NewGuid():N}@example.org" };
        await Api.ReadAsync(await browser.PostAsJsonAsync("/api/alumni-page/referrals", referral), HttpStatusCode.Created);
        await Api.ReadAsync(await browser.PostAsJsonAsync("/api/alumni-page/referrals", new { jobId = Guid.NewGuid(), referral.candidateName, referral.candidateEmail }), HttpStatusCode.UnprocessableEntity);
        var referrals = await app.Hr.GetFromJsonAsync<JsonElement>($"/api/alumni/{alumnusId}/referrals");
        Assert.Equal(jobId, Assert.Single(referrals.GetProperty("items").EnumerateArray()).Id("jobId"));

        // A write that another site started is refused, whatever the browser sends with it.
        using var forged = new HttpRequestMessage(HttpMethod.Post, "/api/alumni-page/opt-out");
        forged.Headers.Add("Sec-Fetch-Site", "cross-site");
        await Api.ReadAsync(await browser.SendAsync(forged), HttpStatusCode.Unauthorized);

        var optedOut = await Api.ReadAsync(await browser.PostAsync("/api/alumni-page/opt-out", null), HttpStatusCode.OK);
        Assert.Equal("opted-out", optedOut.GetProperty("alumnus").Str("status"));
        Assert.Equal("alumnus", optedOut.GetProperty("consentHistory")[0].Str("source"));
        var back = await Api.ReadAsync(await browser.PutAsJsonAsync("/api/alumni-page/consents",
            new { alumniNetwork = true, rehireOutreach = false, recommendationRequest = false, referralAsk = false }), HttpStatusCode.OK);
        Assert.Equal("alumnus", back.GetProperty("alumnus").Str("status"));

        Assert.Equal(HttpStatusCode.NoContent, (await browser.PostAsync("/api/alumni-page/sign-out", null)).StatusCode);
        await Api.ReadAsync(await browser.GetAsync("/api/alumni-page"), HttpStatusCode.Unauthorized);
    }
}

/// <summary>What Recommendations reports lands on the alumnus's timeline, saying when HR acted for the manager.</summary>
public sealed class RecommendationTimelineTests(AlumniPageApp app) : IClassFixture<AlumniPageApp>
{
    [Fact]
    public async Task A_decline_recorded_by_hr_says_it_was_on_the_managers_behalf_and_a_managers_own_gift_does_not()
    {
        var alumnusId = (await app.Hr.DepartAsync(Api.Departure())).Id("alumnusId");
        var declined = new TalentNet.Contracts.Recommendations.RecommendationDeclined(
            Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), alumnusId, "ola.hansen@acme.example", "never worked together", "hr hr@acme.example", OnManagersBehalf: true);
        var given = new TalentNet.Contracts.Recommendations.RecommendationGiven(
            Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), alumnusId, "ola.hansen@acme.example", true, ["sql"], null, "manager ola.hansen@acme.example");
        await EventPublisher.PublishAsync(app.Url, [declined, given]);
        var entries = await Eventually.WaitForAsync(
            async () => (await app.Hr.GetFromJsonAsync<JsonElement>($"/api/alumni/{alumnusId}/timeline")).GetProperty("items").EnumerateArray().ToList(),
            items => items.Count(item => item.Str("kind").StartsWith("recommendation-", StringComparison.Ordinal)) == 2, TimeSpan.FromSeconds(30));
        Assert.Equal("ola.hansen@acme.example declined (recorded by hr hr@acme.example on the manager's behalf): never worked together",
            entries.Single(item => item.Str("kind") == "recommendation-declined").Str("detail"));
        Assert.Equal("ola.hansen@acme.example gave a recommendation and would rehire.", entries.Single(item => item.Str("kind") == "recommendation-given").Str("detail"));
    }
}
