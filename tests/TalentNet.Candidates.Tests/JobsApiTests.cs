using System.Net;
using System.Net.Http.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.Storage;

namespace TalentNet.Candidates.Tests;

public sealed class JobsApiTests(CandidatesApp app) : IClassFixture<CandidatesApp>
{
    [Fact]
    public async Task Opening_a_job_stores_it_with_the_default_pipeline_and_a_location()
    {
        var job = await app.OpenJobAsync();
        Assert.Equal("open", job.Str("status"));
        Assert.Equal(["sourced", "contacted", "screening", "interview", "offer", "hired"],
            job.GetProperty("pipeline").EnumerateArray().Select(stage => stage.Str("key")));
        Assert.Equal(["rejected", "withdrawn"], job.GetProperty("terminalStages").EnumerateArray().Select(stage => stage.GetString()));

        var read = await Answer.OkAsync(await app.Hr.GetAsync($"/api/jobs/{job.Id()}"));
        Assert.Equal("Backend Developer", read.Str("title"));
    }

    [Fact]
    public async Task A_job_may_define_its_own_stages_but_they_must_end_in_hired_and_be_unique()
    {
        var custom = await app.OpenJobAsync(pipeline: new[] { new { key = "applied", name = "Applied" }, new { key = "tech-test", name = "Tech test" }, new { key = "hired", name = "Hired" } });
        Assert.Equal(3, custom.GetProperty("pipeline").GetArrayLength());

        var bad = await app.Recruiter.PostAsJsonAsync("/api/jobs", new
        {
            title = "x", department = "y", hiringManagerEmail = "m@acme.example",
            pipeline = new[] { new { key = "a", name = "A" }, new { key = "a", name = "A again" } },
        });
        var problem = await Answer.ProblemAsync(bad, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("pipeline", out _));
    }

    [Fact]
    public async Task Listing_filters_by_status_and_department_and_pages()
    {
        var department = $"Dept-{Guid.NewGuid():N}";
        var first = await app.OpenJobAsync(department);
        await app.OpenJobAsync(department);
        await app.OpenJobAsync(department);
        await app.Recruiter.PostAsync($"/api/jobs/{first.Id()}/close", null);

        var open = await Answer.OkAsync(await app.Hr.GetAsync($"/api/jobs?department={department}&status=open&pageSize=1"));
        Assert.Equal(2, open.GetProperty("total").GetInt64());
        Assert.Equal(1, open.GetProperty("items").GetArrayLength());
        var closed = await Answer.OkAsync(await app.Hr.GetAsync($"/api/jobs?department={department}&status=closed"));
        Assert.Equal(first.Id(), closed.GetProperty("items")[0].Id());

        await Answer.ProblemAsync(await app.Hr.GetAsync("/api/jobs?status=paused"), HttpStatusCode.BadRequest);
        await Answer.ProblemAsync(await app.Hr.GetAsync("/api/jobs?pageSize=101"), HttpStatusCode.BadRequest);
        // (page - 1) × size would overflow an int: refused before any SQL, not a 500.
        var deep = await Answer.ProblemAsync(await app.Hr.GetAsync("/api/jobs?page=30000000&pageSize=100"), HttpStatusCode.BadRequest);
        Assert.True(deep.GetProperty("errors").TryGetProperty("page", out _));
        Assert.Equal(HttpStatusCode.OK, (await app.Hr.GetAsync("/api/jobs?page=10000&pageSize=100")).StatusCode);
    }

    [Fact]
    public async Task Editing_honours_if_match_and_a_closed_job_cannot_change()
    {
        var job = await app.OpenJobAsync();
        var body = new { title = "Senior Backend Developer", department = "Engineering", skills = new[] { "csharp" }, hiringManagerEmail = "ola.hansen@acme.example" };
        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/jobs/{job.Id()}") { Content = JsonContent.Create(body) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"99\"");
        await Answer.ProblemAsync(await app.Recruiter.SendAsync(stale), HttpStatusCode.PreconditionFailed);

        var current = new HttpRequestMessage(HttpMethod.Put, $"/api/jobs/{job.Id()}") { Content = JsonContent.Create(body) };
        current.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        var edited = await Answer.OkAsync(await app.Recruiter.SendAsync(current));
        Assert.Equal("Senior Backend Developer", edited.Str("title"));
        Assert.Equal(2, edited.GetProperty("version").GetInt32());

        await Answer.OkAsync(await app.Recruiter.PostAsync($"/api/jobs/{job.Id()}/close", null));
        await Answer.ProblemAsync(await app.Recruiter.PostAsync($"/api/jobs/{job.Id()}/close", null), HttpStatusCode.UnprocessableEntity);
        await Answer.ProblemAsync(await app.Recruiter.PutAsJsonAsync($"/api/jobs/{job.Id()}", body), HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task A_posting_url_is_stored_checked_and_announced_with_the_job_and_its_edits()
    {
        var opened = await Answer.CreatedAsync(await app.Recruiter.PostAsJsonAsync("/api/jobs", new
        {
            title = "Data Engineer", department = "Data", hiringManagerEmail = "ola.hansen@acme.example", postingUrl = "https://careers.acme.example/jobs/data-engineer",
        }));
        Assert.Equal("https://careers.acme.example/jobs/data-engineer", opened.Str("postingUrl"));

        var edit = new HttpRequestMessage(HttpMethod.Put, $"/api/jobs/{opened.Id()}")
        {
            Content = JsonContent.Create(new { title = "Data Engineer", department = "Data", hiringManagerEmail = "ola.hansen@acme.example", postingUrl = "https://careers.acme.example/jobs/42" }),
        };
        Assert.Equal("https://careers.acme.example/jobs/42", (await Answer.OkAsync(await app.Recruiter.SendAsync(edit))).Str("postingUrl"));

        var payloads = await OutboxPayloadsAsync(opened.Id());
        Assert.Equal("https://careers.acme.example/jobs/data-engineer", payloads["urn:message:talentnet:candidates:job-opened:v1"].GetProperty("postingUrl").GetString());
        Assert.Equal("https://careers.acme.example/jobs/42", payloads["urn:message:talentnet:candidates:job-updated:v1"].GetProperty("postingUrl").GetString());

        var problem = await Answer.ProblemAsync(await app.Recruiter.PostAsJsonAsync("/api/jobs", new
        {
            title = "x", department = "y", hiringManagerEmail = "m@acme.example", postingUrl = "ftp://acme.example/job",
        }), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("postingUrl", out _));
    }

    private async Task<Dictionary<string, System.Text.Json.JsonElement>> OutboxPayloadsAsync(Guid jobId)
    {
        await using var connection = await app.Host.Services.GetRequiredService<Database>().OpenAsync();
        var rows = await connection.QueryAsync<(string Type, string Payload)>("SELECT message_type, payload FROM outbox_messages");
        return rows
            .Select(row => (row.Type, Payload: System.Text.Json.JsonDocument.Parse(row.Payload).RootElement.Clone()))
            .Where(row => row.Payload.TryGetProperty("jobId", out var id) && id.GetGuid() == jobId)
            .ToDictionary(row => row.Type, row => row.Payload);
    }

    [Fact]
    public async Task Unknown_jobs_are_404_and_roles_are_enforced()
    {
        var missing = Guid.NewGuid();
        await Answer.ProblemAsync(await app.Hr.GetAsync($"/api/jobs/{missing}"), HttpStatusCode.NotFound);
        await Answer.ProblemAsync(await app.Recruiter.PostAsync($"/api/jobs/{missing}/close", null), HttpStatusCode.NotFound);
        await Answer.ProblemAsync(await app.Hr.PostAsJsonAsync("/api/jobs", new { title = "x" }), HttpStatusCode.Forbidden);
        await Answer.ProblemAsync(await app.As(Roles.Manager).GetAsync("/api/jobs"), HttpStatusCode.Forbidden);
        var admin = await app.As(Roles.Admin).PostAsJsonAsync("/api/jobs", new { title = "By admin", department = "Ops", hiringManagerEmail = "boss@acme.example" });
        Assert.Equal(HttpStatusCode.Created, admin.StatusCode);
    }
}
