using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TalentNet.Audit.Retention;
using TalentNet.Candidates;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.Testing;

namespace TalentNet.Alumni.Tests;

/// <summary>
/// One person across emails, systems and returns, with Candidates and Alumni over a real broker:
/// detection in both orders and by each identifier, and merges that the other side follows.
/// </summary>
public sealed class BoomerangDetectionTests
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_former_employee_is_found_by_each_identifier_whichever_side_came_first_and_says_why()
    {
        await using var system = await TwoServices.StartAsync("boomerang-detection");
        var marker = Guid.NewGuid().ToString("N")[..8];

        // Registered before the departure: found when the departure arrives, by the personal address.
        var early = await system.RegisterAsync(new { fullName = "Kari Nordmann", email = $"kari.{marker}@example.org" });
        var kari = await system.Hr.DepartAsync(Api.Departure(personalEmail: $"kari.{marker}@example.org"));

        // Departed first: found at registration, by the LinkedIn profile written another way.
        var ola = await system.Hr.DepartAsync(Departure($"ola-{marker}", linkedIn: $"https://www.linkedin.com/in/Ola-{marker}/"));
        var byProfile = await system.RegisterAsync(new
        {
            fullName = "Ola N.", email = $"ola.{marker}@mail.example", profiles = new Dictionary<string, string> { ["linkedin"] = $"http://no.linkedin.com/in/ola-{marker}" },
        });

        // A candidate who adds the address later: found by the work address.
        var siri = await system.Hr.DepartAsync(Departure($"siri-{marker}"));
        var later = await system.RegisterAsync(new { fullName = "Siri B.", email = $"siri.{marker}@mail.example" });
        await Api.ReadAsync(await system.Recruiter.PatchAsync($"/api/candidates/{later.Id("id")}", JsonContent.Create(new
        {
            additionalEmails = new[] { $"SIRI-{marker}@acme.example" },
        })), HttpStatusCode.OK);

        // An HRIS that registers its former staff as candidates: found by the employee id.
        var per = await system.Hr.DepartAsync(Departure($"per-{marker}"));
        var employeeId = (await system.AlumnusAsync(per.Id("alumnusId"))).Str("employeeId");
        var byEmployeeId = await Api.ReadAsync(await system.Integration.PutAsJsonAsync(
            $"/api/candidates/by-external-id/hris/{employeeId}", new { fullName = "Per L.", email = $"per.{marker}@mail.example" }), HttpStatusCode.Created);

        var stranger = await system.RegisterAsync(new { fullName = "Someone Else", email = $"else.{marker}@mail.example" });

        await system.FlaggedAsync(early.Id("id"), kari.Id("alumnusId"), ["personal-email"]);
        await system.FlaggedAsync(byProfile.Id("id"), ola.Id("alumnusId"), ["linkedin"]);
        await system.FlaggedAsync(later.Id("id"), siri.Id("alumnusId"), ["work-email"]);
        await system.FlaggedAsync(byEmployeeId.Id("id"), per.Id("alumnusId"), ["employee-id"]);
        Assert.Equal(JsonValueKind.Null, (await system.CandidateAsync(stranger.Id("id"))).GetProperty("formerEmployee").ValueKind);
        var timeline = await Answer.OkAsync(await system.Hr.GetAsync($"/api/alumni/{ola.Id("alumnusId")}/timeline"));
        Assert.Contains(timeline.GetProperty("items").EnumerateArray(),
            entry => entry.Str("kind") == "matched-candidate" && entry.Str("detail") == $"Candidate {byProfile.Id("id")} matched on linkedin.");
    }

    [Fact]
    public async Task A_merge_moves_applications_and_addresses_answers_308_for_the_duplicate_and_alumni_follows()
    {
        await using var system = await TwoServices.StartAsync("candidate-merge");
        var marker = Guid.NewGuid().ToString("N")[..8];
        var departure = await system.Hr.DepartAsync(Api.Departure(personalEmail: $"kari.{marker}@example.org"));
        var survivor = await system.RegisterAsync(new { fullName = "Kari Nordmann", email = $"kari.{marker}@work.example", tags = new[] { "backend" } });
        var duplicate = await system.RegisterAsync(new
        {
            fullName = "K. Nordmann", email = $"kari.{marker}@example.org", phone = "+47 900 00 000", tags = new[] { "csharp" },
            externalIds = new Dictionary<string, string> { ["greenhouse"] = $"gh-{marker}" },
        });
        await system.FlaggedAsync(duplicate.Id("id"), departure.Id("alumnusId"), ["personal-email"]);
        var jobs = new List<Guid>();
        for (var index = 0; index < 2; index++)
        {
            jobs.Add((await Api.ReadAsync(await system.Recruiter.PostAsJsonAsync("/api/jobs", new { title = $"Job {index}", department = "Engineering", hiringManagerEmail = "ola@acme.example" }), HttpStatusCode.Created)).Id("id"));
        }

        await system.ApplyAsync(survivor.Id("id"), jobs[0]);
        var moved = await system.ApplyAsync(duplicate.Id("id"), jobs[1]);
        var sameJob = await system.ApplyAsync(duplicate.Id("id"), jobs[0]);
        var merge = $"/api/candidates/{survivor.Id("id")}/merge";
        await Answer.ProblemAsync(await system.Recruiter.PostAsJsonAsync(merge, new { duplicateId = duplicate.Id("id") }), HttpStatusCode.Conflict);
        await Api.ReadAsync(await system.Recruiter.PostAsJsonAsync($"/api/applications/{sameJob}/stage", new { stage = "rejected", rejectionReason = "withdrew" }), HttpStatusCode.OK);
        await Answer.ProblemAsync(await system.Recruiter.PostAsJsonAsync(merge, new { duplicateId = survivor.Id("id") }), HttpStatusCode.BadRequest);
        await Answer.ProblemAsync(await system.Recruiter.PostAsJsonAsync(merge, new { duplicateId = Guid.NewGuid() }), HttpStatusCode.NotFound);
        await Answer.ProblemAsync(await system.Candidates.CreateClient().As(Roles.Hr).PostAsJsonAsync(merge, new { duplicateId = duplicate.Id("id") }), HttpStatusCode.Forbidden);

        var merged = await Answer.OkAsync(await system.Recruiter.PostAsJsonAsync(merge, new { duplicateId = duplicate.Id("id") }));
        Assert.Equal([$"kari.{marker}@example.org"], merged.GetProperty("additionalEmails").EnumerateArray().Select(email => email.GetString()));
        Assert.Equal(["backend", "csharp"], merged.GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()));
        Assert.Equal("+47 900 00 000", merged.Str("phone"));
        Assert.Equal($"gh-{marker}", merged.GetProperty("externalIds").Str("greenhouse"));
        var upserted = await Answer.OkAsync(await system.Integration.PutAsJsonAsync(
            $"/api/candidates/by-external-id/greenhouse/gh-{marker}", new { fullName = "Kari Nordmann", email = $"kari.{marker}@work.example" }));
        Assert.Equal(survivor.Id("id"), upserted.Id("id"));
        Assert.Equal(departure.Id("alumnusId"), merged.GetProperty("formerEmployee").Id("alumnusId"));
        await Answer.OkAsync(await system.Recruiter.PostAsJsonAsync(merge, new { duplicateId = duplicate.Id("id") }));

        var applications = await Answer.OkAsync(await system.Recruiter.GetAsync($"/api/applications?candidateId={survivor.Id("id")}"));
        Assert.Equal(3, applications.GetProperty("items").GetArrayLength());
        Assert.Equal(survivor.Id("id"), (await Answer.OkAsync(await system.Recruiter.GetAsync($"/api/applications/{moved}"))).Id("candidateId"));
        var noRedirects = system.Candidates.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).As(Roles.Recruiter);
        var gone = await noRedirects.GetAsync($"/api/candidates/{duplicate.Id("id")}");
        Assert.Equal((HttpStatusCode.PermanentRedirect, $"/api/candidates/{survivor.Id("id")}"), (gone.StatusCode, gone.Headers.Location?.OriginalString));
        var taken = await Answer.ProblemAsync(await system.Recruiter.PostAsJsonAsync("/api/candidates", new { fullName = "Kari", email = $"KARI.{marker}@example.org" }), HttpStatusCode.Conflict);
        Assert.Contains(survivor.Id("id").ToString(), taken.GetRawText(), StringComparison.Ordinal);
        var listed = await Answer.OkAsync(await system.Recruiter.GetAsync($"/api/candidates?search={marker}"));
        Assert.Equal([survivor.Id("id")], listed.GetProperty("items").EnumerateArray().Select(candidate => candidate.Id("id")));

        var alumnus = await Eventually.WaitForAsync(() => system.AlumnusAsync(departure.Id("alumnusId")),
            found => found.GetProperty("candidateId").ValueKind == JsonValueKind.String && found.Id("candidateId") == survivor.Id("id"), Soon);
        Assert.Equal(survivor.Id("id"), alumnus.Id("candidateId"));
        Assert.Equal(0, await IdentifierHashesAsync(system.Alumni.DatabasePath, duplicate.Id("id")));
        Assert.True(await IdentifierHashesAsync(system.Alumni.DatabasePath, survivor.Id("id")) > 0);
    }

    private static object Departure(string employeeKey, string? linkedIn = null) => new
    {
        employeeId = $"E-{employeeKey}",
        fullName = "Former Employee",
        workEmail = $"{employeeKey}@acme.example",
        personalEmail = $"{employeeKey}@home.example",
        department = "Engineering",
        role = "Developer",
        manager = new { name = "Ola Hansen", email = "ola.hansen@acme.example" },
        lastDay = "2025-10-31",
        reason = "relocation",
        linkedInUrl = linkedIn,
        consents = new { alumniNetwork = true },
    };

    [Fact]
    public async Task When_retention_anonymizes_a_candidate_alumni_forgets_the_hashes_of_their_identifiers()
    {
        var url = await (await RabbitMqBroker.GetAsync()).CreateVirtualHostAsync("boomerang-retention");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var alumni = new ServiceHost<AlumniProgram>(TestDatabase.NewPath("boomerang-retention-alumni"), url);
        await using var candidates = new ServiceHost<CandidatesProgram>(
            TestDatabase.NewPath("boomerang-retention-candidates"), url, services: services => services.AddSingleton<TimeProvider>(clock));
        var marker = Guid.NewGuid().ToString("N")[..8];
        var departed = await alumni.CreateClient().As(Roles.Hr).DepartAsync(Api.Departure(personalEmail: $"kari.{marker}@example.org"));
        var forgotten = (await Api.ReadAsync(await candidates.CreateClient().As(Roles.Recruiter).PostAsJsonAsync(
            "/api/candidates", new { fullName = "Kari Nordmann", email = $"kari.{marker}@example.org" }), HttpStatusCode.Created)).Id("id");
        var kept = (await Api.ReadAsync(await candidates.CreateClient().As(Roles.Recruiter).PostAsJsonAsync(
            "/api/candidates", new { fullName = "Someone Else", email = $"else.{marker}@example.org" }), HttpStatusCode.Created)).Id("id");
        Assert.Equal(1, await Eventually.WaitForAsync(() => IdentifiersAsync(forgotten), count => count == 1, Soon));
        Assert.Equal(1, await Eventually.WaitForAsync(() => IdentifiersAsync(kept), count => count == 1, Soon));

        clock.Advance(TimeSpan.FromDays(700));
        await Api.ReadAsync(await candidates.CreateClient().As(Roles.Recruiter).PatchAsync(
            $"/api/candidates/{kept}", JsonContent.Create(new { tags = new[] { "active" } })), HttpStatusCode.OK);
        clock.Advance(TimeSpan.FromDays(31));
        await candidates.Services.GetRequiredService<RetentionSweep>().RunAsync(CancellationToken.None);

        Assert.Equal(0, await Eventually.WaitForAsync(() => IdentifiersAsync(forgotten), count => count == 0, Soon));
        Assert.Equal(1, await IdentifiersAsync(kept));
        Assert.Equal(departed.Id("alumnusId"), (await Answer.OkAsync(await alumni.CreateClient().As(Roles.Hr).GetAsync($"/api/alumni/{departed.Id("alumnusId")}"))).Id());

        Task<long> IdentifiersAsync(Guid candidateId) => IdentifierHashesAsync(alumni.DatabasePath, candidateId);
    }

    /// <summary>How many hashes of a candidate's identifiers Alumni keeps.</summary>
    private static async Task<long> IdentifierHashesAsync(string alumniDatabase, Guid candidateId)
    {
        await using var connection = new SqliteConnection($"Data Source={alumniDatabase};Pooling=False");
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM candidate_identifiers WHERE candidate_id = $id";
        command.Parameters.AddWithValue("$id", candidateId.ToString());
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private sealed class TwoServices : IAsyncDisposable
    {
        private TwoServices(ServiceHost<AlumniProgram> alumni, ServiceHost<CandidatesProgram> candidates)
        {
            Alumni = alumni;
            Candidates = candidates;
            Hr = alumni.CreateClient().As(Roles.Hr);
            Recruiter = candidates.CreateClient().As(Roles.Recruiter);
            Integration = candidates.CreateClient().As(Roles.Integration);
        }

        public ServiceHost<AlumniProgram> Alumni { get; }

        public ServiceHost<CandidatesProgram> Candidates { get; }

        public HttpClient Hr { get; }

        public HttpClient Recruiter { get; }

        public HttpClient Integration { get; }

        public static async Task<TwoServices> StartAsync(string name)
        {
            var url = await (await RabbitMqBroker.GetAsync()).CreateVirtualHostAsync(name);
            var system = new TwoServices(
                new ServiceHost<AlumniProgram>(TestDatabase.NewPath($"{name}-alumni"), url),
                new ServiceHost<CandidatesProgram>(TestDatabase.NewPath($"{name}-candidates"), url));
            foreach (var client in new[] { system.Hr, system.Recruiter })
            {
                await Eventually.WaitForAsync(() => client.GetAsync("/health/ready"), response => response.IsSuccessStatusCode, TimeSpan.FromSeconds(60));
            }

            return system;
        }

        public async Task<JsonElement> RegisterAsync(object candidate) =>
            await Api.ReadAsync(await Recruiter.PostAsJsonAsync("/api/candidates", candidate), HttpStatusCode.Created);

        public async Task<JsonElement> CandidateAsync(Guid id) => await Answer.OkAsync(await Recruiter.GetAsync($"/api/candidates/{id}"));

        public async Task<JsonElement> AlumnusAsync(Guid id) => await Answer.OkAsync(await Hr.GetAsync($"/api/alumni/{id}"));

        public async Task<Guid> ApplyAsync(Guid candidateId, Guid jobId) =>
            (await Api.ReadAsync(await Recruiter.PostAsJsonAsync("/api/applications", new { candidateId, jobId, source = new { channel = "linkedin" } }), HttpStatusCode.Created)).Id("id");

        public async Task FlaggedAsync(Guid candidateId, Guid alumnusId, string[] matchedOn)
        {
            var candidate = await Eventually.WaitForAsync(() => CandidateAsync(candidateId),
                found => found.GetProperty("formerEmployee").ValueKind == JsonValueKind.Object, Soon);
            var former = candidate.GetProperty("formerEmployee");
            Assert.Equal(alumnusId, former.Id("alumnusId"));
            Assert.Equal(matchedOn, former.GetProperty("matchedOn").EnumerateArray().Select(item => item.GetString()!));
        }

        public async ValueTask DisposeAsync()
        {
            await Alumni.DisposeAsync();
            await Candidates.DisposeAsync();
        }
    }
}
