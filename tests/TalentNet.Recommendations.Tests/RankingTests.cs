using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TalentNet.Contracts;
using TalentNet.Contracts.Alumni;
using TalentNet.Contracts.Candidates;
using TalentNet.ServiceDefaults.Auth;

namespace TalentNet.Recommendations.Tests;

/// <summary>Ranking on a seeded set whose expected order is written down with its reasons.</summary>
public sealed class RankingTests(RecommendationsHost host) : IClassFixture<RecommendationsHost>
{
    [Fact]
    public async Task Alumni_are_ranked_by_skills_department_eligibility_recommendation_and_return_wish_and_the_ineligible_are_left_out()
    {
        var job = new JobOpened(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), "Backend Developer", "Engineering", "Oslo", ["csharp", "sql", "azure"], "ola@acme.example");
        // 1. Ada: every skill, same department and role, eligible, manager recommends and would rehire, would return.
        var ada = RecommendationsHost.Departed(name: "Ada", skills: ["csharp", "sql", "azure"], wouldReturn: ReturnIntent.Yes);
        // 2. Bo: one skill of three, same department and role, eligible, only "maybe" would return, no recommendation.
        var bo = RecommendationsHost.Departed(name: "Bo", skills: ["csharp"], wouldReturn: ReturnIntent.Maybe);
        // 3. Cy: one skill, other department and role, eligible with review, would not return, left two years ago.
        var cy = RecommendationsHost.Departed(name: "Cy", skills: ["sql"], wouldReturn: ReturnIntent.No, department: "Marketing", role: "Marketing Manager",
            eligibility: RehireEligibility.WithReview, lastDay: new DateOnly(2024, 11, 1));
        // Left out: Di is not eligible, Ed gave no rehire consent, Fi has returned already.
        var di = RecommendationsHost.Departed(name: "Di", skills: ["csharp", "sql", "azure"], eligibility: RehireEligibility.NotEligible);
        var ed = RecommendationsHost.Departed(name: "Ed", skills: ["csharp", "sql", "azure"], consent: false);
        var fi = RecommendationsHost.Departed(name: "Fi", skills: ["csharp", "sql", "azure"]);
        var returned = new AlumnusReturned(Guid.NewGuid(), DateTimeOffset.UtcNow, fi.AlumnusId, Guid.NewGuid(), Guid.NewGuid(), new DateOnly(2026, 10, 1), 1, Channel.LinkedIn);
        await host.PublishAsync(job, ada, bo, cy, di, ed, fi);
        await host.WaitForInboxAsync([job, ada, bo, cy, di, ed, fi]);
        await host.PublishAsync(returned);
        await host.WaitForInboxAsync([returned]);

        var request = (await host.RequestsForAsync(ada.AlumnusId, 1))[0].GetProperty("id").GetGuid();
        var given = await host.Manager(ada.ManagerEmail).PostAsJsonAsync($"/api/recommendation-requests/{request}/give",
            new { text = "Ada built our platform.", strengths = new[] { "architecture" }, wouldRehire = true });
        Assert.Equal(HttpStatusCode.OK, given.StatusCode);

        var recruiter = host.As(Roles.Recruiter);
        var matches = await recruiter.GetFromJsonAsync<JsonElement>($"/api/jobs/{job.JobId}/alumni-matches?limit=10");
        var items = matches.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["Ada", "Bo", "Cy"], items.Select(item => item.GetProperty("fullName").GetString()));
        var scores = items.Select(item => item.GetProperty("score").GetDouble()).ToList();
        Assert.True(scores[0] > scores[1] && scores[1] > scores[2], string.Join(", ", scores));
        Assert.Contains("skills: csharp, sql, azure", Reasons(items[0]));
        Assert.Contains("manager would rehire", Reasons(items[0]));
        // The exit interview counts for the ranking, but only HR reads what the leaver answered.
        Assert.DoesNotContain(Reasons(items[1]), reason => reason.StartsWith("said they would return", StringComparison.Ordinal));
        var forHr = (await host.Hr.GetFromJsonAsync<JsonElement>($"/api/jobs/{job.JobId}/alumni-matches?limit=10")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(scores, forHr.Select(item => item.GetProperty("score").GetDouble()));
        Assert.Contains("said they would return: maybe", Reasons(forHr[1]));
        Assert.Contains("eligible for rehire with review", Reasons(items[2]));
        Assert.DoesNotContain(Reasons(items[2]), reason => reason.StartsWith("same department", StringComparison.Ordinal));

        var invite = await recruiter.PostAsync($"/api/jobs/{job.JobId}/alumni-matches/{ada.AlumnusId}/invite", null);
        Assert.Equal(HttpStatusCode.Created, invite.StatusCode);
        var twice = await recruiter.PostAsync($"/api/jobs/{job.JobId}/alumni-matches/{ada.AlumnusId}/invite", null);
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Equal((await invite.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), (await twice.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        Assert.Single(await host.OutboxTypesAsync(ada.AlumnusId), type => type.EndsWith("boomerang-invited:v1", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await recruiter.PostAsync($"/api/jobs/{job.JobId}/alumni-matches/{di.AlumnusId}/invite", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await recruiter.GetAsync($"/api/jobs/{Guid.NewGuid()}/alumni-matches")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.As(Roles.Hr).PostAsync($"/api/jobs/{job.JobId}/alumni-matches/{bo.AlumnusId}/invite", null)).StatusCode);
    }

    [Fact]
    public async Task The_database_ranks_the_top_n_exactly_as_the_scores_order_them()
    {
        var job = new JobOpened(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), "Platform Engineer", "Platform", "Oslo", ["Go", "Rust", "Kafka", "K8s", "go"], "ola@acme.example");
        string[][] skills = [["go"], ["GO", "rust"], ["kafka", "k8s", "go"], ["rust"], [], ["Go", "Rust", "Kafka", "K8s"], ["java"]];
        string[] roles = ["Platform Engineer", "Account Manager", "Site-Reliability engineer", "Engineering Manager"];
        ReturnIntent?[] answers = [ReturnIntent.Yes, ReturnIntent.Maybe, ReturnIntent.No, null];
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var seeded = Enumerable.Range(0, 21).Select(i => RecommendationsHost.Departed(
            name: $"Rank {i:D2}", skills: skills[i % skills.Length], role: roles[i % roles.Length], wouldReturn: answers[i % answers.Length],
            department: i % 3 == 0 ? "platform" : "Sales", eligibility: i % 2 == 0 ? RehireEligibility.Eligible : RehireEligibility.WithReview,
            lastDay: today.AddMonths(-(i * 2)))).ToList();
        await host.PublishAsync([job, .. seeded]);
        await host.WaitForInboxAsync([job, .. seeded]);

        var recruiter = host.As(Roles.Recruiter);
        async Task<List<(string?, double)>> TopAsync(int limit) =>
            [.. (await recruiter.GetFromJsonAsync<JsonElement>($"/api/jobs/{job.JobId}/alumni-matches?limit={limit}")).GetProperty("items").EnumerateArray()
                .Select(item => (item.GetProperty("fullName").GetString(), item.GetProperty("score").GetDouble()))];

        // Each shorter list is the database's own top k; it must be the head of the scores' order.
        var all = await TopAsync(100);
        Assert.True(all.Count >= seeded.Count, $"{all.Count} matches");
        Assert.Equal(all.OrderByDescending(match => match.Item2).Select(match => match.Item2), all.Select(match => match.Item2));
        foreach (var k in new[] { 1, 2, 3, 5, 8, 13, 21 })
        {
            Assert.Equal(all.Take(k), await TopAsync(k));
        }
    }

    private static List<string> Reasons(JsonElement item) =>
        item.GetProperty("reasons").EnumerateArray().Select(reason => reason.GetString()!).ToList();
}
