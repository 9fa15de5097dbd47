using System.Net;
using System.Net.Http.Json;
using TalentNet.ServiceDefaults.Auth;

namespace TalentNet.Candidates.Tests;

/// <summary>The careers site's key sends in applications and can do nothing else, nor learn who is known.</summary>
public sealed class CareersSiteTests(CandidatesApp app) : IClassFixture<CandidatesApp>
{
    [Fact]
    public async Task The_careers_site_sends_in_applications_and_learns_nothing()
    {
        var site = app.As(Roles.CareersSite);
        var job = (await app.OpenJobAsync()).Id();
        var link = (await Answer.CreatedAsync(await app.Recruiter.PostAsJsonAsync($"/api/jobs/{job}/tracking-links", new { channel = "instagram", campaign = "story-1" }))).Str("token");
        var email = $"site.{Guid.NewGuid():N}@example.org";
        var form = new { fullName = "Nora Vik", email, jobId = job, trackingToken = link };

        var first = await site.PostAsJsonAsync("/api/careers/applications", form);
        var again = await site.PostAsJsonAsync("/api/careers/applications", form with { });
        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first.StatusCode, again.StatusCode));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());

        var found = await Answer.OkAsync(await app.Recruiter.GetAsync($"/api/candidates?search={Uri.EscapeDataString(email)}"));
        var candidate = Assert.Single(found.GetProperty("items").EnumerateArray());
        var applications = await Answer.OkAsync(await app.Recruiter.GetAsync($"/api/applications?candidateId={candidate.Id()}"));
        var application = Assert.Single(applications.GetProperty("items").EnumerateArray());
        Assert.Equal(("instagram", "story-1"), (application.GetProperty("source").Str("channel"), application.GetProperty("source").Str("campaign")));

        await Answer.ProblemAsync(await site.PostAsJsonAsync("/api/careers/applications", new { fullName = "X", email = "bad", jobId = job }), HttpStatusCode.BadRequest);
        await Answer.ProblemAsync(await site.PostAsJsonAsync("/api/careers/applications", new { fullName = "X", email = $"{Guid.NewGuid():N}@x.example", jobId = Guid.NewGuid() }), HttpStatusCode.UnprocessableEntity);
        foreach (var read in new[] { "/api/candidates", "/api/applications", $"/api/jobs/{job}", $"/api/jobs/{job}/tracking-links", "/api/stats/funnel", "/api/dashboard" })
        {
            await Answer.ProblemAsync(await site.GetAsync(read), HttpStatusCode.Forbidden);
        }

        await Answer.ProblemAsync(await site.PostAsJsonAsync("/api/candidates", new { fullName = "X", email = $"{Guid.NewGuid():N}@x.example" }), HttpStatusCode.Forbidden);
        await Answer.ProblemAsync(await site.PostAsJsonAsync($"/api/applications/{application.Id()}/stage", new { stage = "hired" }), HttpStatusCode.Forbidden);
        await Answer.ProblemAsync(await app.Recruiter.PostAsJsonAsync("/api/careers/applications", form), HttpStatusCode.Forbidden);
    }
}
