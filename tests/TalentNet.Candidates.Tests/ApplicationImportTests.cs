using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using TalentNet.BulkImport;
using TalentNet.Messaging;
using TalentNet.Storage;
using TalentNet.Testing;
using TalentNet.ServiceDefaults.Auth;

namespace TalentNet.Candidates.Tests;

/// <summary>Applications imported from an ATS export, CSV or NDJSON, read in the background with counts and row errors.</summary>
public sealed class ApplicationImportTests(CandidatesApp app) : IClassFixture<CandidatesApp>
{
    private const string Header = "externalSystem,externalId,fullName,email,jobId,channel,campaign,appliedAt,stage,stageChangedAt";

    [Fact]
    public async Task A_file_lands_with_its_history_and_the_same_file_again_changes_nothing()
    {
        var job = (await app.OpenJobAsync()).Id();
        var marker = Guid.NewGuid().ToString("N")[..8];
        var csv = new StringBuilder(Header).Append('\n');
        csv.Append($"workday,{marker}-1,\"Berg, Siri\",siri.{marker}@example.org,{job},linkedin,spring-2026,2026-03-01T09:00:00Z,interview,2026-03-10T12:00:00Z\n");
        csv.Append($"workday,{marker}-2,Ola Nordmann,ola.{marker}@example.org,{job},job-board,,2026-03-02T09:00:00Z,,\n");
        csv.Append($"workday,{marker}-3,Kari Hansen,kari.{marker}@example.org,{job},employee-referral,,2026-03-03T09:00:00Z,hired,2026-04-01T09:00:00Z\n");

        var first = await ImportAsync(csv.ToString(), "text/csv");
        Assert.Equal(("completed", 3L, 3L, 0L, 0L), Counts(first));
        var siri = await Answer.OkAsync(await app.Recruiter.GetAsync($"/api/candidates?search={marker}-1"));
        Assert.Equal(0, siri.GetProperty("total").GetInt64());
        var people = await Answer.OkAsync(await app.Recruiter.GetAsync($"/api/candidates?search=siri.{marker}"));
        var candidate = people.GetProperty("items")[0];
        Assert.Equal(("Berg, Siri", $"{marker}-1"), (candidate.Str("fullName"), candidate.GetProperty("externalIds").Str("workday")));
        var applications = await Answer.OkAsync(await app.Recruiter.GetAsync($"/api/applications?candidateId={candidate.Id()}"));
        var application = await Answer.OkAsync(await app.Recruiter.GetAsync($"/api/applications/{applications.GetProperty("items")[0].Id()}"));
        Assert.Equal(DateTimeOffset.Parse("2026-03-01T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture), application.GetProperty("createdAt").GetDateTimeOffset());
        Assert.Equal(("interview", "spring-2026"), (application.Str("stage"), application.GetProperty("source").Str("campaign")));
        Assert.Equal(DateTimeOffset.Parse("2026-03-10T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            application.GetProperty("history").EnumerateArray().Last().GetProperty("changedAt").GetDateTimeOffset());

        var again = await ImportAsync(csv.ToString(), "text/csv");
        Assert.Equal(("completed", 3L, 0L, 0L, 3L), Counts(again));
        var moved = csv.ToString().Replace(",,2026-03-02T09:00:00Z,,", ",,2026-03-02T09:00:00Z,screening,2026-03-05T09:00:00Z", StringComparison.Ordinal);
        Assert.Equal(("completed", 3L, 0L, 1L, 2L), Counts(await ImportAsync(moved, "text/csv")));
    }

    [Fact]
    public async Task A_batch_mixing_new_people_a_known_person_and_repeats_lands_as_row_by_row_would()
    {
        var department = $"Import {Guid.NewGuid():N}"[..20];
        var (first, second) = ((await app.OpenJobAsync(department)).Id(), (await app.OpenJobAsync(department)).Id());
        var marker = Guid.NewGuid().ToString("N")[..8];
        var known = await app.RegisterAsync($"known.{marker}@example.org");
        var lines = new[]
        {
            Header,
            $"workday,{marker}-a,Anne New,anne.{marker}@example.org,{first},linkedin,,2026-03-02T09:00:00Z,interview,2026-03-09T09:00:00Z",
            $"workday,{marker}-k,Known Person,known.{marker}@example.org,{first},facebook,,2026-03-03T09:00:00Z,,",
            $"workday,{marker}-a,Anne New,anne.{marker}@example.org,{second},linkedin,,2026-03-04T09:00:00Z,hired,2026-03-20T09:00:00Z",
            $"workday,{marker}-b,Borrowed Email,known.{marker}@example.org,{second},linkedin,,2026-03-05T09:00:00Z,,",
            $"workday,{marker}-c,Carl New,carl.{marker}@example.org,{second},x,,2026-03-06T09:00:00Z,,",
        };

        var import = await ImportAsync(string.Join("\n", lines) + "\n", "text/csv");
        Assert.Equal(("completed", 5L, 4L, 0L, 0L), Counts(import));
        Assert.Equal((5L, "email"), import.GetProperty("errors").EnumerateArray().Select(error => (error.GetProperty("row").GetInt64(), error.Str("field"))).Single());

        var adopted = await Answer.OkAsync(await app.Recruiter.GetAsync($"/api/candidates/{known.Id()}"));
        Assert.Equal($"{marker}-k", adopted.GetProperty("externalIds").Str("workday"));
        var anne = (await Answer.OkAsync(await app.Recruiter.GetAsync($"/api/candidates?search=anne.{marker}"))).GetProperty("items").EnumerateArray().Single();
        var stages = (await Answer.OkAsync(await app.Recruiter.GetAsync($"/api/applications?candidateId={anne.Id()}"))).GetProperty("items")
            .EnumerateArray().Select(application => (application.GetProperty("jobId").GetGuid(), application.Str("stage"))).OrderBy(pair => pair.Item2).ToList();
        Assert.Equal([(second, "hired"), (first, "interview")], stages);

        var funnel = await Answer.OkAsync(await app.Recruiter.GetAsync($"/api/stats/funnel?from=2026-03-01&to=2026-03-31&department={Uri.EscapeDataString(department)}"));
        var linkedin = funnel.GetProperty("channels").EnumerateArray().Single(channel => channel.Str("channel") == "linkedin");
        Assert.Equal((2L, 1L), (linkedin.GetProperty("applications").GetInt64(), linkedin.GetProperty("hires").GetInt64()));
        Assert.Equal(4, funnel.GetProperty("channels").EnumerateArray().Sum(channel => channel.GetProperty("applications").GetInt64()));

        // Every row's events, as the API would raise them: the known person (by the API) and Anne and Carl registered,
        // four applications, Anne's two moves and her hire.
        await using var connection = await app.Host.Services.GetRequiredService<Database>().OpenAsync();
        var events = (await connection.QueryAsync<string>(
                "SELECT message_type FROM outbox_messages WHERE payload LIKE @Marker OR payload LIKE @Known",
                new { Marker = $"%.{marker}@example.org%", Known = $"%{known.Id()}%" }))
            .Select(EventTypes.WebhookType).GroupBy(type => type).ToDictionary(group => group.Key, group => group.Count());
        Assert.Equal(3, events["candidates.candidate-registered"]);
        Assert.Equal(4, events["candidates.application-submitted"]);
        Assert.Equal(2, events["candidates.application-stage-changed"]);
        Assert.Equal(1, events["candidates.candidate-hired"]);
    }

    [Fact]
    public async Task An_imported_history_reads_and_counts_as_the_same_history_made_through_the_API()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var (importedDepartment, typedDepartment) = ($"Imported {marker}", $"Typed {marker}");
        var (imported, typed) = ((await app.OpenJobAsync(importedDepartment)).Id(), (await app.OpenJobAsync(typedDepartment)).Id());
        var appliedAt = new DateTimeOffset(2026, 2, 2, 9, 0, 0, TimeSpan.Zero);
        (string? Stage, string? Reason)[] histories = [("interview", null), ("hired", null), ("rejected", "salary"), ("screening", null), (null, null)];
        var csv = new StringBuilder(Header).Append(",rejectionReason\n");
        for (var n = 0; n < histories.Length; n++)
        {
            var (stage, reason) = histories[n];
            csv.Append($"workday,{marker}-{n},Person {n},p{n}.{marker}@example.org,{imported},linkedin,,{appliedAt.AddDays(n):O},{stage},{(stage is null ? "" : appliedAt.AddDays(9 + n).ToString("O"))},{reason}\n");
        }

        Assert.Equal(("completed", 5L, 5L, 0L, 0L), Counts(await ImportAsync(csv.ToString(), "text/csv")));
        var admin = app.As(Roles.Admin);
        for (var n = 0; n < histories.Length; n++)
        {
            var candidate = (await Answer.CreatedAsync(await admin.PostAsJsonAsync("/api/candidates", new { fullName = $"Person {n}", email = $"t{n}.{marker}@example.org" }))).Id();
            var application = (await Answer.CreatedAsync(await admin.PostAsJsonAsync(
                "/api/applications", new { candidateId = candidate, jobId = typed, source = new { channel = "linkedin" }, appliedAt = appliedAt.AddDays(n) }))).Id();
            if (histories[n] is (string stage, var reason))
            {
                await Answer.OkAsync(await admin.PostAsJsonAsync($"/api/applications/{application}/stage", new { stage, occurredAt = appliedAt.AddDays(9 + n), rejectionReason = reason }));
            }
        }

        async Task<string> ReadAsync(Guid job, string department)
        {
            var listed = await Answer.OkAsync(await app.Recruiter.GetAsync($"/api/applications?jobId={job}&pageSize=50"));
            var applications = new List<string>();
            foreach (var item in listed.GetProperty("items").EnumerateArray())
            {
                var application = await Answer.OkAsync(await app.Recruiter.GetAsync($"/api/applications/{item.Id()}"));
                var history = application.GetProperty("history").EnumerateArray().Select(change => $"{change.Str("from")}>{change.Str("to")}@{change.Str("changedAt")}/{change.Str("rejectionReason")}");
                applications.Add($"{application.Str("stage")} open={application.GetProperty("isOpen")} hired={application.Str("hiredAt")} v{application.GetProperty("version")} {string.Join(" ", history)}");
            }

            var funnel = await Answer.OkAsync(await app.Recruiter.GetAsync($"/api/stats/funnel?jobId={job}"));
            var dashboard = await Answer.OkAsync(await app.Hr.GetAsync($"/api/dashboard?from=2026-01&to=2026-03&department={Uri.EscapeDataString(department)}"));
            return string.Join("\n", [.. applications.Order(StringComparer.Ordinal), funnel.GetRawText(), dashboard.GetProperty("channels").GetRawText()]);
        }

        var expected = await ReadAsync(typed, typedDepartment);
        Assert.Equal(
            ["hired open=False", "interview open=True", "rejected open=False", "screening open=True", "sourced open=True"],
            expected.Split('\n').Take(5).Select(line => string.Join(' ', line.Split(' ').Take(2))));
        Assert.Equal(expected, await ReadAsync(imported, importedDepartment));
    }

    [Fact]
    public async Task Bad_rows_are_reported_by_line_and_field_and_never_stop_the_good_ones()
    {
        var job = (await app.OpenJobAsync()).Id();
        var marker = Guid.NewGuid().ToString("N")[..8];
        var lines = new[]
        {
            Header,
            $"ats,{marker}-1,Good One,one.{marker}@example.org,{job},linkedin,,2026-01-01T09:00:00Z,,",
            $"ats,{marker}-2,Bad Email,not-an-email,{job},linkedin,,2026-01-01T09:00:00Z,,",
            $"ats,{marker}-3,No Job,three.{marker}@example.org,{Guid.NewGuid()},linkedin,,2026-01-01T09:00:00Z,,",
            $"ats,{marker}-4,Odd Channel,four.{marker}@example.org,{job},myspace,,2026-01-01T09:00:00Z,,",
            $"ats,{marker}-5,Future,five.{marker}@example.org,{job},linkedin,,2999-01-01T09:00:00Z,,",
            $"ats,{marker}-6,Odd Stage,six.{marker}@example.org,{job},linkedin,,2026-01-01T09:00:00Z,lunch,",
            $"ats,{marker}-7,\"Broken \"quote,seven.{marker}@example.org,{job},linkedin,,2026-01-01T09:00:00Z,,",
            $"ats,{marker}-8,Good Two,eight.{marker}@example.org,{job},facebook,,2026-01-02T09:00:00Z,,",
        };
        var import = await ImportAsync(string.Join("\n", lines) + "\n", "text/csv");
        Assert.Equal(("completed", 8L, 2L, 0L, 0L), Counts(import));
        Assert.Equal(6, import.GetProperty("failed").GetInt64());
        var errors = import.GetProperty("errors").EnumerateArray().Select(error => (error.GetProperty("row").GetInt64(), error.Str("field"))).ToList();
        Assert.Contains((3L, "email"), errors);
        Assert.Contains((4L, "jobId"), errors);
        Assert.Contains((5L, "channel"), errors);
        Assert.Contains((6L, "appliedAt"), errors);
        Assert.Contains((7L, "stage"), errors);
        Assert.Contains((8L, "row"), errors);
        Assert.DoesNotContain(import.GetProperty("errors").EnumerateArray(), error => error.Str("message").Contains("not-an-email", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ndjson_works_like_csv_and_a_wrong_file_is_refused_before_it_is_read()
    {
        var job = (await app.OpenJobAsync()).Id();
        var marker = Guid.NewGuid().ToString("N")[..8];
        var ndjson = string.Join("\n",
            JsonSerializer.Serialize(new { externalSystem = "ats", externalId = $"{marker}-1", fullName = "N One", email = $"n1.{marker}@example.org", jobId = job, channel = "youtube", appliedAt = "2026-02-01T10:00:00Z" }),
            "",
            "{ not json",
            JsonSerializer.Serialize(new { externalSystem = "ats", externalId = $"{marker}-2", fullName = "N Two", email = $"n2.{marker}@example.org", jobId = job, channel = "x", appliedAt = "2026-02-02T10:00:00Z", stage = "screening" }));
        var import = await ImportAsync(ndjson, "application/x-ndjson");
        Assert.Equal(("completed", 3L, 2L, 0L, 0L), Counts(import));
        Assert.Equal(3L, import.GetProperty("errors")[0].GetProperty("row").GetInt64());

        var integration = app.As(Roles.Integration);
        var missing = await Answer.ProblemAsync(await integration.PostAsync("/api/imports/applications", Content("externalId,email\n1,a@b.c\n", "text/csv")), HttpStatusCode.BadRequest);
        Assert.Contains("fullName", missing.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        await Answer.ProblemAsync(await integration.PostAsync("/api/imports/applications", Content("{}", "application/json")), HttpStatusCode.UnsupportedMediaType);
        await Answer.ProblemAsync(await app.Recruiter.PostAsync("/api/imports/applications", Content(Header, "text/csv")), HttpStatusCode.Forbidden);
        await Answer.ProblemAsync(await integration.GetAsync($"/api/imports/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_import_stopped_by_a_restart_resumes_after_its_last_committed_row()
    {
        var job = (await app.OpenJobAsync()).Id();
        var marker = Guid.NewGuid().ToString("N")[..8];
        var lines = Enumerable.Range(1, 5).Select(n => $"workday,{marker}-{n},Person {n},p{n}.{marker}@example.org,{job},linkedin,,2026-03-0{n}T09:00:00Z,,");

        // As a restart leaves it: running, its first two rows committed, its file still in the spool.
        var id = Guid.NewGuid();
        await File.WriteAllTextAsync(app.Host.Services.GetRequiredService<ImportSpool>().PathFor(id, ImportFormat.Csv), string.Join("\n", [Header, .. lines]) + "\n");
        await using (var connection = await app.Host.Services.GetRequiredService<Database>().OpenAsync())
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO imports (id, kind, status, format, read_rows, created, updated, unchanged, failed, created_by, created_at)
                VALUES (@Id, 'applications', 'running', 'csv', 2, 2, 0, 0, 0, 'test', @Now)
                """,
                new { Id = id, Now = DateTimeOffset.UtcNow });
        }

        await app.Host.Services.GetRequiredService<ImportRunner>().RunAsync(id, CancellationToken.None);

        var import = await Answer.OkAsync(await app.As(Roles.Integration).GetAsync($"/api/imports/{id}"));
        Assert.Equal(("completed", 5L, 5L, 0L, 0L), Counts(import));
        var found = await Answer.OkAsync(await app.Recruiter.GetAsync($"/api/candidates?search={marker}&pageSize=50"));
        Assert.Equal(
            ["Person 3", "Person 4", "Person 5"],
            found.GetProperty("items").EnumerateArray().Select(candidate => candidate.Str("fullName")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Each_batch_is_stamped_with_its_own_time_so_a_client_polling_during_an_import_finds_the_later_ones()
    {
        await using var host = new ServiceHost<CandidatesProgram>(
            TestDatabase.NewPath("import-batches"), rabbitMqUrl: null, new Dictionary<string, string?> { ["Imports:BatchSize"] = "2" });
        var integration = host.CreateClient().As(Roles.Integration);
        var job = (await Answer.CreatedAsync(await host.CreateClient().As(Roles.Admin).PostAsJsonAsync(
            "/api/jobs", new { title = "Nurse", department = "Care", hiringManagerEmail = "mgr@acme.example" }))).Id();
        var lines = Enumerable.Range(1, 6).Select(n => $"workday,b-{n},Person {n},p{n}@example.org,{job},linkedin,,2026-03-0{n}T09:00:00Z,,");
        Assert.Equal("completed", (await ImportAsync(integration, string.Join("\n", [Header, .. lines]) + "\n", "text/csv")).Str("status"));

        async Task<Dictionary<string, DateTimeOffset>> UpdatedSinceAsync(DateTimeOffset since) =>
            (await Answer.OkAsync(await integration.GetAsync($"/api/candidates?pageSize=50&updatedSince={Uri.EscapeDataString(since.ToString("O", System.Globalization.CultureInfo.InvariantCulture))}")))
            .GetProperty("items").EnumerateArray().ToDictionary(candidate => candidate.Str("fullName"), candidate => candidate.GetProperty("updatedAt").GetDateTimeOffset());

        var stamps = await UpdatedSinceAsync(DateTimeOffset.UnixEpoch);
        Assert.Equal(stamps["Person 1"], stamps["Person 2"]);
        Assert.True(stamps["Person 2"] < stamps["Person 3"] && stamps["Person 3"] == stamps["Person 4"] && stamps["Person 4"] < stamps["Person 5"]);
        Assert.Equal(["Person 3", "Person 4", "Person 5", "Person 6"], (await UpdatedSinceAsync(stamps["Person 3"])).Keys.Order(StringComparer.Ordinal));
    }

    private Task<JsonElement> ImportAsync(string file, string contentType) => ImportAsync(app.As(Roles.Integration), file, contentType);

    private static async Task<JsonElement> ImportAsync(HttpClient integration, string file, string contentType)
    {
        var accepted = await integration.PostAsync("/api/imports/applications", Content(file, contentType));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var location = accepted.Headers.Location!.ToString();
        return await Eventually.WaitForAsync(
            async () => await Answer.OkAsync(await integration.GetAsync(location)), import => import.Str("status") != "running", TimeSpan.FromSeconds(60));
    }

    private static StringContent Content(string body, string contentType) => new(body, new MediaTypeHeaderValue(contentType));

    private static (string, long, long, long, long) Counts(JsonElement import) => (
        import.Str("status"), import.GetProperty("read").GetInt64(), import.GetProperty("created").GetInt64(), import.GetProperty("updated").GetInt64(),
        import.GetProperty("unchanged").GetInt64());
}
