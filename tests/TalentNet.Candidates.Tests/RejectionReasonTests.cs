using System.Net;
using System.Net.Http.Json;
using TalentNet.ServiceDefaults.Auth;

namespace TalentNet.Candidates.Tests;

/// <summary>A rejection carries a reason from the configured taxonomy, and the funnel counts rejections by reason and stage.</summary>
public sealed class RejectionReasonTests
{
    [Fact]
    public async Task Rejecting_needs_a_known_reason_and_the_funnel_counts_them_by_stage()
    {
        await using var host = new ServiceHost<CandidatesProgram>(TestDatabase.NewPath("rejections"), null, new Dictionary<string, string?>
        {
            ["Candidates:RejectionReasons:0"] = "not-qualified",
            ["Candidates:RejectionReasons:1"] = "salary",
        });
        var recruiter = host.CreateClient().As(Roles.Recruiter);
        var job = (await Answer.CreatedAsync(await recruiter.PostAsJsonAsync("/api/jobs", new { title = "T", department = "D", hiringManagerEmail = "m@acme.example" }))).Id();
        async Task<Guid> Apply()
        {
            var candidate = (await Answer.CreatedAsync(await recruiter.PostAsJsonAsync("/api/candidates", new { fullName = "C", email = $"{Guid.NewGuid():N}@x.example" }))).Id();
            return (await Answer.CreatedAsync(await recruiter.PostAsJsonAsync("/api/applications", new { candidateId = candidate, jobId = job, source = new { channel = "linkedin" } }))).Id();
        }

        var first = await Apply();
        var missing = await Answer.ProblemAsync(await recruiter.PostAsJsonAsync($"/api/applications/{first}/stage", new { stage = "rejected" }), HttpStatusCode.BadRequest);
        Assert.Contains("not-qualified", missing.GetProperty("errors").GetProperty("rejectionReason")[0].GetString(), StringComparison.Ordinal);
        await Answer.ProblemAsync(await recruiter.PostAsJsonAsync($"/api/applications/{first}/stage", new { stage = "rejected", rejectionReason = "bored" }), HttpStatusCode.BadRequest);
        await Answer.ProblemAsync(await recruiter.PostAsJsonAsync($"/api/applications/{first}/stage", new { stage = "screening", rejectionReason = "salary" }), HttpStatusCode.BadRequest);
        var rejected = await Answer.OkAsync(await recruiter.PostAsJsonAsync($"/api/applications/{first}/stage", new { stage = "rejected", rejectionReason = "salary" }));
        Assert.Equal("salary", rejected.GetProperty("history").EnumerateArray().Last().Str("rejectionReason"));

        foreach (var (stage, reason) in new[] { ("screening", "not-qualified"), ("screening", "not-qualified"), ("interview", "salary") })
        {
            var application = await Apply();
            await Answer.OkAsync(await recruiter.PostAsJsonAsync($"/api/applications/{application}/stage", new { stage }));
            await Answer.OkAsync(await recruiter.PostAsJsonAsync($"/api/applications/{application}/stage", new { stage = "rejected", rejectionReason = reason }));
        }

        var funnel = await Answer.OkAsync(await recruiter.GetAsync($"/api/stats/funnel?jobId={job}"));
        var counts = funnel.GetProperty("channels")[0].GetProperty("rejections").EnumerateArray()
            .Select(row => (row.Str("stage"), row.Str("reason"), row.GetProperty("rejections").GetInt64())).ToList();
        Assert.Equal([("sourced", "salary", 1L), ("screening", "not-qualified", 2L), ("interview", "salary", 1L)], counts);
    }
}
