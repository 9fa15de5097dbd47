using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace TalentNet.Candidates.Tests;

public sealed class CandidatesApiTests(CandidatesApp app) : IClassFixture<CandidatesApp>
{
    [Fact]
    public async Task A_candidate_is_stored_with_a_normalized_email_profiles_tags_and_ats_ids()
    {
        var email = $"Kari.{Guid.NewGuid():N}@Example.ORG";
        var candidate = await app.RegisterAsync(email, new { greenhouse = Guid.NewGuid().ToString("N") });
        Assert.Equal(email.ToLowerInvariant(), candidate.Str("email"));
        Assert.Equal("https://www.linkedin.com/in/kari-nordmann", candidate.GetProperty("profiles").Str("linkedin"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, candidate.GetProperty("formerEmployee").ValueKind);

        var read = await Answer.OkAsync(await app.Hr.GetAsync($"/api/candidates/{candidate.Id()}"));
        Assert.Equal(["backend"], read.GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()));
    }

    [Fact]
    public async Task A_second_candidate_with_the_same_email_or_ats_id_is_409_with_a_link_to_the_first()
    {
        var greenhouse = Guid.NewGuid().ToString("N");
        var first = await app.RegisterAsync(externalIds: new { greenhouse });
        var sameEmail = await app.Recruiter.PostAsJsonAsync("/api/candidates", new { fullName = "Other", email = first.Str("email").ToUpperInvariant() });
        var problem = await Answer.ProblemAsync(sameEmail, HttpStatusCode.Conflict);
        Assert.Equal($"/api/candidates/{first.Id()}", problem.Str("existing"));

        var sameAts = await app.Recruiter.PostAsJsonAsync("/api/candidates", new { fullName = "Other", email = $"o.{Guid.NewGuid():N}@x.example", externalIds = new { greenhouse } });
        Assert.Equal($"/api/candidates/{first.Id()}", (await Answer.ProblemAsync(sameAts, HttpStatusCode.Conflict)).Str("existing"));
    }

    [Fact]
    public async Task Invalid_fields_are_400_and_unknown_candidates_404()
    {
        var response = await app.Recruiter.PostAsJsonAsync("/api/candidates", new { fullName = "", email = "nope", profiles = new { myspace = "https://myspace.com/x" } });
        var errors = (await Answer.ProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("fullName", out _));
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.True(errors.TryGetProperty("profiles.myspace", out _));
        await Answer.ProblemAsync(await app.Hr.GetAsync($"/api/candidates/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Search_by_name_or_email_tag_and_channel()
    {
        var marker = Guid.NewGuid().ToString("N")[..10];
        var tagged = await app.RegisterAsync($"{marker}.a@example.org", tags: ["rust", marker]);
        var other = await app.RegisterAsync($"{marker}.b@example.org", tags: ["go"]);
        var job = await app.OpenJobAsync();
        await app.ApplyAsync(other.Id(), job.Id(), channel: "youtube");

        var bySearch = await Answer.OkAsync(await app.Hr.GetAsync($"/api/candidates?search={marker.ToUpperInvariant()}"));
        Assert.Equal(2, bySearch.GetProperty("total").GetInt64());
        var byTag = await Answer.OkAsync(await app.Hr.GetAsync($"/api/candidates?search={marker}&tag=rust"));
        Assert.Equal(tagged.Id(), Assert.Single(byTag.GetProperty("items").EnumerateArray()).Id());
        var byChannel = await Answer.OkAsync(await app.Hr.GetAsync($"/api/candidates?search={marker}&channel=youtube"));
        Assert.Equal(other.Id(), Assert.Single(byChannel.GetProperty("items").EnumerateArray()).Id());
        await Answer.ProblemAsync(await app.Hr.GetAsync("/api/candidates?channel=myspace"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Patch_merges_fields_checks_uniqueness_and_if_match()
    {
        var candidate = await app.RegisterAsync();
        var other = await app.RegisterAsync();
        var patched = await Answer.OkAsync(await Patch(candidate.Id(), """{ "phone": null, "tags": ["Lead", "lead"] }"""));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, patched.GetProperty("phone").ValueKind);
        Assert.Equal(["lead"], patched.GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()));
        Assert.Equal(candidate.Str("fullName"), patched.Str("fullName"));

        await Answer.ProblemAsync(await Patch(candidate.Id(), $$"""{ "email": "{{other.Str("email")}}" }"""), HttpStatusCode.Conflict);
        await Answer.ProblemAsync(await Patch(candidate.Id(), """{ "favouriteColour": "blue" }"""), HttpStatusCode.BadRequest);
        await Answer.ProblemAsync(await Patch(candidate.Id(), """{ "email": 42 }"""), HttpStatusCode.BadRequest);
        await Answer.ProblemAsync(await Patch(candidate.Id(), """{ "fullName": "New" }""", "\"1\""), HttpStatusCode.PreconditionFailed);
        await Answer.ProblemAsync(await Patch(Guid.NewGuid(), """{ "fullName": "New" }"""), HttpStatusCode.NotFound);
        await Answer.ProblemAsync(await app.Hr.PatchAsync($"/api/candidates/{candidate.Id()}", new StringContent("{}", Encoding.UTF8, "application/json")), HttpStatusCode.Forbidden);
    }

    private Task<HttpResponseMessage> Patch(Guid id, string json, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/candidates/{id}") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return app.Recruiter.SendAsync(request);
    }
}
