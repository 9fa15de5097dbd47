using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.Testing;

namespace TalentNet.Candidates.Tests;

public sealed class ApplicationsApiTests(CandidatesApp app) : IClassFixture<CandidatesApp>
{
    [Fact]
    public async Task An_application_starts_in_the_first_stage_with_its_source_and_history()
    {
        var job = await app.OpenJobAsync();
        var candidate = await app.RegisterAsync();
        var application = await app.ApplyAsync(candidate.Id(), job.Id(), "linkedin", "autumn-2026", "Ola.Hansen@acme.example");
        Assert.Equal("sourced", application.Str("stage"));
        var source = application.GetProperty("source");
        Assert.Equal("linkedin", source.Str("channel"));
        Assert.Equal("autumn-2026", source.Str("campaign"));
        Assert.Equal("ola.hansen@acme.example", source.Str("sharedBy"));

        var read = await Answer.OkAsync(await app.Hr.GetAsync($"/api/applications/{application.Id()}"));
        var first = Assert.Single(read.GetProperty("history").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("from").ValueKind);
        Assert.Equal("sourced", first.Str("to"));
        Assert.Equal("dev-recruiter", first.Str("actor"));
    }

    [Fact]
    public async Task A_tracking_link_fills_the_source_and_must_belong_to_the_job()
    {
        var job = await app.OpenJobAsync();
        var otherJob = await app.OpenJobAsync();
        var link = await Answer.CreatedAsync(await app.Recruiter.PostAsJsonAsync($"/api/jobs/{job.Id()}/tracking-links",
            new { channel = "linkedin", campaign = "autumn-2026", sharedBy = "ola.hansen@acme.example" }));
        var token = link.Str("token");
        Assert.Equal(10, token.Length);
        await Answer.OkAsync(await app.Hr.GetAsync($"/api/jobs/{job.Id()}/tracking-links/{token}"));

        var candidate = await app.RegisterAsync();
        var application = await Answer.CreatedAsync(await app.Recruiter.PostAsJsonAsync("/api/applications",
            new { candidateId = candidate.Id(), jobId = job.Id(), trackingToken = token }));
        var source = application.GetProperty("source");
        Assert.Equal(("linkedin", "autumn-2026", "ola.hansen@acme.example", token),
            (source.Str("channel"), source.Str("campaign"), source.Str("sharedBy"), source.Str("trackingToken")));

        var wrongJob = await app.Recruiter.PostAsJsonAsync("/api/applications", new { candidateId = candidate.Id(), jobId = otherJob.Id(), trackingToken = token });
        await Answer.ProblemAsync(wrongJob, HttpStatusCode.BadRequest);
        await Answer.ProblemAsync(await app.Recruiter.PostAsJsonAsync($"/api/jobs/{job.Id()}/tracking-links", new { channel = "myspace" }), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Bad_sources_missing_references_closed_jobs_and_duplicates_are_refused()
    {
        var job = await app.OpenJobAsync();
        var candidate = await app.RegisterAsync();
        var badChannel = await app.Recruiter.PostAsJsonAsync("/api/applications", new { candidateId = candidate.Id(), jobId = job.Id(), source = new { channel = "myspace" } });
        Assert.True((await Answer.ProblemAsync(badChannel, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("source.channel", out _));
        var noSource = await app.Recruiter.PostAsJsonAsync("/api/applications", new { candidateId = candidate.Id(), jobId = job.Id() });
        await Answer.ProblemAsync(noSource, HttpStatusCode.BadRequest);
        var badReferrer = await app.Recruiter.PostAsJsonAsync("/api/applications",
            new { candidateId = candidate.Id(), jobId = job.Id(), source = new { channel = "alumni-referral", referrer = new { kind = "friend" } } });
        await Answer.ProblemAsync(badReferrer, HttpStatusCode.BadRequest);

        await Answer.ProblemAsync(await app.Recruiter.PostAsJsonAsync("/api/applications",
            new { candidateId = Guid.NewGuid(), jobId = job.Id(), source = new { channel = "linkedin" } }), HttpStatusCode.UnprocessableEntity);

        var first = await app.ApplyAsync(candidate.Id(), job.Id());
        var duplicate = await app.Recruiter.PostAsJsonAsync("/api/applications", new { candidateId = candidate.Id(), jobId = job.Id(), source = new { channel = "x" } });
        Assert.Equal($"/api/applications/{first.Id()}", (await Answer.ProblemAsync(duplicate, HttpStatusCode.Conflict)).Str("existing"));

        await app.Recruiter.PostAsync($"/api/jobs/{job.Id()}/close", null);
        var closed = await app.Recruiter.PostAsJsonAsync("/api/applications", new { candidateId = (await app.RegisterAsync()).Id(), jobId = job.Id(), source = new { channel = "x" } });
        await Answer.ProblemAsync(closed, HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Stages_move_forward_with_skips_back_only_with_a_reason_and_final_stages_stay_final()
    {
        var job = await app.OpenJobAsync();
        var application = await app.ApplyAsync((await app.RegisterAsync()).Id(), job.Id());
        var id = application.Id();

        var skipped = await Answer.OkAsync(await app.MoveAsync(id, "interview", "strong profile"));
        Assert.Equal("interview", skipped.Str("stage"));
        await Answer.ProblemAsync(await app.MoveAsync(id, "screening"), HttpStatusCode.UnprocessableEntity);
        await Answer.ProblemAsync(await app.MoveAsync(id, "interview"), HttpStatusCode.UnprocessableEntity);
        await Answer.ProblemAsync(await app.MoveAsync(id, "teleported"), HttpStatusCode.BadRequest);
        var back = await Answer.OkAsync(await app.MoveAsync(id, "screening", "needs a second screening"));
        Assert.Equal("needs a second screening", back.GetProperty("history")[2].Str("reason"));

        await Answer.ProblemAsync(await app.MoveAsync(id, "offer", ifMatch: "\"1\""), HttpStatusCode.PreconditionFailed);
        var hired = await Answer.OkAsync(await app.MoveAsync(id, "hired", ifMatch: $"\"{back.GetProperty("version").GetInt32()}\""));
        Assert.False(hired.GetProperty("isOpen").GetBoolean());
        Assert.NotEqual(JsonValueKind.Null, hired.GetProperty("hiredAt").ValueKind);
        await Answer.ProblemAsync(await app.MoveAsync(id, "offer", "changed our mind"), HttpStatusCode.UnprocessableEntity);

        var rejected = await app.ApplyAsync((await app.RegisterAsync()).Id(), job.Id());
        await Answer.OkAsync(await app.MoveAsync(rejected.Id(), "rejected", "not a fit"));
        await Answer.ProblemAsync(await app.MoveAsync(rejected.Id(), "screening", "reconsider"), HttpStatusCode.UnprocessableEntity);
        await Answer.ProblemAsync(await app.MoveAsync(Guid.NewGuid(), "screening"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_caller_whose_token_names_them_at_length_is_recorded_cut_to_fit_not_refused()
    {
        // The identity provider, not our validation, decides how long a name claim is; the history keeps 200 characters.
        var job = await app.OpenJobAsync();
        var application = await app.ApplyAsync((await app.RegisterAsync()).Id(), job.Id());
        var longName = $"{new string('r', 280)}@acme.example";
        using var recruiter = app.Host.CreateClient();
        recruiter.DefaultRequestHeaders.Authorization = new("Bearer", DevTokens.Mint(TestAuth.Options, Roles.Recruiter, subject: longName));

        var moved = await Answer.OkAsync(await recruiter.PostAsJsonAsync($"/api/applications/{application.Id()}/stage", new { stage = "screening" }));

        Assert.Equal(longName[..200], moved.GetProperty("history")[1].Str("actor"));
    }

    [Fact]
    public async Task Concurrent_moves_without_if_match_apply_once_and_the_rest_see_the_new_stage()
    {
        var job = await app.OpenJobAsync();
        var application = await app.ApplyAsync((await app.RegisterAsync()).Id(), job.Id());
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => app.MoveAsync(application.Id(), "contacted")));
        Assert.Equal(1, answers.Count(answer => answer.StatusCode == HttpStatusCode.OK));
        Assert.All(answers.Where(answer => answer.StatusCode != HttpStatusCode.OK), answer => Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.StatusCode));
        var read = await Answer.OkAsync(await app.Hr.GetAsync($"/api/applications/{application.Id()}"));
        Assert.Equal(2, read.GetProperty("history").GetArrayLength());
        Assert.Equal(2, read.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_closed_application_frees_the_candidate_to_apply_again()
    {
        var job = await app.OpenJobAsync();
        var candidate = await app.RegisterAsync();
        var first = await app.ApplyAsync(candidate.Id(), job.Id());
        await Answer.OkAsync(await app.MoveAsync(first.Id(), "withdrawn"));
        var again = await app.ApplyAsync(candidate.Id(), job.Id(), "careers-site");
        Assert.NotEqual(first.Id(), again.Id());
    }

    [Fact]
    public async Task Listing_filters_by_job_stage_and_channel()
    {
        var job = await app.OpenJobAsync();
        var a = await app.ApplyAsync((await app.RegisterAsync()).Id(), job.Id(), "facebook");
        await app.ApplyAsync((await app.RegisterAsync()).Id(), job.Id(), "instagram");
        await app.MoveAsync(a.Id(), "contacted");

        var all = await Answer.OkAsync(await app.Hr.GetAsync($"/api/applications?jobId={job.Id()}"));
        Assert.Equal(2, all.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, all.GetProperty("nextCursor").ValueKind);
        var contacted = await Answer.OkAsync(await app.Hr.GetAsync($"/api/applications?jobId={job.Id()}&stage=contacted"));
        Assert.Equal(a.Id(), Assert.Single(contacted.GetProperty("items").EnumerateArray()).Id());
        var instagram = await Answer.OkAsync(await app.Hr.GetAsync($"/api/applications?jobId={job.Id()}&channel=instagram"));
        Assert.Equal(1, instagram.GetProperty("items").GetArrayLength());
        await Answer.ProblemAsync(await app.Hr.GetAsync("/api/applications?channel=fax"), HttpStatusCode.BadRequest);
        await Answer.ProblemAsync(await app.Hr.GetAsync("/api/applications?cursor=not-a-cursor"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_cursor_walks_every_application_once_newest_first()
    {
        var job = await app.OpenJobAsync();
        var created = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            created.Add((await app.ApplyAsync((await app.RegisterAsync()).Id(), job.Id())).Id());
        }

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await Answer.OkAsync(await app.Hr.GetAsync($"/api/applications?jobId={job.Id()}&pageSize=3{(cursor is null ? "" : $"&cursor={cursor}")}"));
            Assert.InRange(page.GetProperty("items").GetArrayLength(), 1, 3);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(item => item.Id()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(Enumerable.Reverse(created), seen);
    }
}
