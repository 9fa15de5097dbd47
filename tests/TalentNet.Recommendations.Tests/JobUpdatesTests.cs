using System.Net.Http.Json;
using System.Text.Json;
using TalentNet.Contracts.Candidates;
using TalentNet.ServiceDefaults.Auth;

namespace TalentNet.Recommendations.Tests;

/// <summary>An edited job reaches the open-jobs read model and the alumni matched against it.</summary>
public sealed class JobUpdatesTests(RecommendationsHost host) : IClassFixture<RecommendationsHost>
{
    [Fact]
    public async Task An_edited_job_is_matched_on_its_new_skills_and_a_late_older_edit_does_not_undo_it()
    {
        var opened = new JobOpened(Guid.NewGuid(), DateTimeOffset.UtcNow.AddMinutes(-10), Guid.NewGuid(), "Backend Developer", "Engineering", "Oslo", ["cobol"], "ola@acme.example");
        var pythonist = RecommendationsHost.Departed(name: "Py", skills: ["python", "airflow"], department: "Data", role: "Data Engineer");
        await host.PublishAsync(opened, pythonist);
        await host.WaitForInboxAsync([opened, pythonist]);
        Assert.DoesNotContain(await ReasonsForAsync(opened.JobId, "Py"), reason => reason.StartsWith("skills:", StringComparison.Ordinal));

        var edited = new JobUpdated(Guid.NewGuid(), opened.OccurredAt.AddMinutes(5), opened.JobId, "Data Engineer", "Data", "Oslo", ["python", "airflow"], "ola@acme.example");
        var older = new JobUpdated(Guid.NewGuid(), opened.OccurredAt.AddMinutes(1), opened.JobId, "Mainframe Developer", "Engineering", "Oslo", ["cobol"], "ola@acme.example");
        await host.PublishAsync(edited);
        await host.WaitForInboxAsync([edited]);
        await host.PublishAsync(older);
        await host.WaitForInboxAsync([older]);

        var openJobs = await host.As(Roles.Recruiter).GetFromJsonAsync<JsonElement>("/api/open-jobs?pageSize=100");
        var job = openJobs.GetProperty("items").EnumerateArray().Single(item => item.GetProperty("jobId").GetGuid() == opened.JobId);
        Assert.Equal(("Data Engineer", "Data"), (job.GetProperty("title").GetString(), job.GetProperty("department").GetString()));
        var reasons = await ReasonsForAsync(opened.JobId, "Py");
        Assert.Contains("skills: python, airflow", reasons);
        Assert.Contains("same department: Data", reasons);
    }

    [Fact]
    public async Task An_edit_that_overtakes_the_opening_is_kept()
    {
        var jobId = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        var edited = new JobUpdated(Guid.NewGuid(), now, jobId, "Site Reliability Engineer", "Ops", null, ["kubernetes"], "ola@acme.example");
        var opened = new JobOpened(Guid.NewGuid(), now.AddMinutes(-1), jobId, "SRE", "Ops", null, ["linux"], "ola@acme.example");
        await host.PublishAsync(edited);
        await host.WaitForInboxAsync([edited]);
        await host.PublishAsync(opened);
        await host.WaitForInboxAsync([opened]);

        var openJobs = await host.As(Roles.Recruiter).GetFromJsonAsync<JsonElement>("/api/open-jobs?pageSize=100");
        var job = openJobs.GetProperty("items").EnumerateArray().Single(item => item.GetProperty("jobId").GetGuid() == jobId);
        Assert.Equal("Site Reliability Engineer", job.GetProperty("title").GetString());
    }

    private async Task<List<string>> ReasonsForAsync(Guid jobId, string fullName)
    {
        var matches = await host.As(Roles.Recruiter).GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}/alumni-matches?limit=50");
        var match = matches.GetProperty("items").EnumerateArray().Single(item => item.GetProperty("fullName").GetString() == fullName);
        return [.. match.GetProperty("reasons").EnumerateArray().Select(reason => reason.GetString()!)];
    }
}
