using TalentNet.Clients.Alumni;
using TalentNet.Clients.Candidates;
using TalentNet.Clients.Recommendations;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.Testing;
using AlumniChannel = TalentNet.Clients.Alumni.Channel;
using Channel = TalentNet.Clients.Candidates.Channel;
using RehireEligibility = TalentNet.Clients.Alumni.RehireEligibility;

namespace TalentNet.Integrator.Tests;

/// <summary>
/// The core story, told through the C# clients NSwag generated from the served documents, with
/// every call passing Prism's validation proxy: no request or response may break its document.
/// Every list and read endpoint is called on the way.
/// </summary>
[Collection(LiveServicesCollection.Name)]
public sealed class CoreStoryThroughClientsTests(LiveServices services)
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(30);
    private readonly List<string> _violations = [];

    [Fact]
    public async Task The_core_story_through_generated_clients_breaks_no_document()
    {
        try
        {
            await TellAsync();
        }
        catch (Exception failure) when (failure.GetType().GetProperty("Response")?.GetValue(failure) is string response)
        {
            throw new InvalidOperationException($"{failure.Message}: {response}\nLast failed call: {ViolationRecorder.LastFailure}\nViolations so far:\n{string.Join("\n", _violations)}", failure);
        }

        Assert.True(_violations.Count == 0, "Prism found violations:\n" + string.Join("\n", _violations));

        // Every event the story raised, as captured off the broker, matches its AsyncAPI schema.
        var captured = await services.Bus.DrainAsync();
        var kinds = captured.Select(message => message["messageType"]![0]!.GetValue<string>()).Distinct().ToList();
        Assert.True(kinds.Count >= 12, "captured only: " + string.Join(", ", kinds));
        var mismatches = await AsyncApiTests.CheckAgainstSchemasAsync(services, captured);
        Assert.True(mismatches.Count == 0, "Messages that break their AsyncAPI schema:\n" + string.Join("\n", mismatches));
    }

    private async Task TellAsync()
    {
        var hr = new AlumniClient(Client(services.Alumni, Roles.Hr));
        var jobs = new CandidatesClient(Client(services.Candidates, Roles.Recruiter));
        var matcher = new RecommendationsClient(Client(services.Recommendations, Roles.Recruiter));
        var manager = new RecommendationsClient(Client(services.Recommendations, Roles.Manager, "ola.hansen@acme.example"));
        var hrRecommendations = new RecommendationsClient(Client(services.Recommendations, Roles.Hr));

        // Two leave; both consent to a recommendation request.
        var kari = await hr.RecordDepartureAsync(Departure("Kari Nordmann", DepartureReason.Relocation));
        var per = await hr.RecordDepartureAsync(Departure("Per Olsen", DepartureReason.CareerChange));
        Assert.Equal(kari.Id, (await hr.GetDepartureAsync(kari.Id)).Id);

        // The former manager gives one recommendation, publishes it, and declines the other.
        var requests = await Eventually.WaitForAsync(() => manager.ListRecommendationRequestsAsync(null, null, null, null, null, null),
            page => page.Items.Count(r => r.AlumnusId == kari.AlumnusId || r.AlumnusId == per.AlumnusId) == 2, Soon);
        var forKari = requests.Items.Single(r => r.AlumnusId == kari.AlumnusId);
        var forPer = requests.Items.Single(r => r.AlumnusId == per.AlumnusId);
        Assert.Equal(forKari.Id, (await manager.GetRecommendationRequestAsync(forKari.Id)).Id);
        await manager.GiveRecommendationAsync(forKari.Id, new GiveRecommendationRequest { Text = "Kari is the colleague everyone asks.", Strengths = ["mentoring"], WouldRehire = true });
        await manager.PublishRecommendationAsync(forKari.Id, new PublishRecommendationRequest { Url = "https://www.linkedin.com/in/kari-nordmann/details/recommendations/" });
        await manager.DeclineRecommendationAsync(forPer.Id, new DeclineRecommendationRequest { Reason = "Worked together too briefly." });
        await hrRecommendations.RecommendationStatsAsync(null, null);

        // HR reads and edits the network.
        var alumnus = await Eventually.WaitForAsync(() => hr.GetAlumnusAsync(kari.AlumnusId), a => a.RecommendationStatus == TalentNet.Clients.Alumni.RecommendationStatus.Given, Soon);
        await hr.ListAlumniAsync(null, "Engineering", null, null, 1, 25, null);
        await hr.UpdateAlumnusAsync(kari.AlumnusId, $"\"{alumnus.Version}\"", new AlumnusPatch
        {
            FullName = alumnus.FullName, PersonalEmail = alumnus.PersonalEmail, LinkedInUrl = "https://www.linkedin.com/in/kari-nordmann-2",
        });
        await hr.OverrideRehireEligibilityAsync(per.AlumnusId, new OverrideEligibilityRequest { Eligibility = RehireEligibility.WithReview, Note = "Short tenure." });
        Assert.NotEmpty((await hr.GetAlumnusTimelineAsync(kari.AlumnusId, 1, 50)).Items);

        // A recruiter opens a job, edits it, and shares it on LinkedIn with a tracking link.
        var job = await jobs.OpenJobAsync(new JobFields
        {
            Title = "Backend Developer", Department = "Engineering", Location = "Oslo", Skills = ["csharp", "sql"], HiringManagerEmail = "ola.hansen@acme.example",
        });
        job = await jobs.UpdateJobAsync(job.Id, $"\"{job.Version}\"", new JobFields
        {
            Title = "Senior Backend Developer", Department = "Engineering", Location = "Oslo", Skills = ["csharp", "sql"], HiringManagerEmail = "ola.hansen@acme.example",
        });
        var link = await jobs.CreateTrackingLinkAsync(job.Id, new CreateTrackingLinkRequest { Channel = Channel.Linkedin, Campaign = "autumn-2026", SharedBy = "ola.hansen@acme.example" });
        Assert.Equal(link.Token, (await jobs.GetTrackingLinkAsync(job.Id, link.Token)).Token);
        await jobs.ListJobsAsync(JobStatus.Open, null, 1, 25);
        await jobs.GetJobAsync(job.Id);

        // Someone applies through the post; Kari's former colleague refers a friend.
        var applicant = await jobs.RegisterCandidateAsync(new CandidateFields
        {
            FullName = "Ingrid Berg", Email = $"ingrid.{Guid.NewGuid():N}@example.org", Phone = "+47 400 00 000", Tags = ["backend"],
        });
        applicant = await jobs.UpdateCandidateAsync(applicant.Id, $"\"{applicant.Version}\"", new CandidateFields
        {
            FullName = applicant.FullName, Email = applicant.Email, Phone = applicant.Phone, Tags = ["backend", "csharp"],
            Profiles = new Dictionary<string, string> { ["linkedin"] = "https://www.linkedin.com/in/ingrid-berg" },
        });
        await jobs.GetCandidateAsync(applicant.Id);
        await jobs.ListCandidatesAsync("Ingrid", null, null, 1, 25, null);
        var application = await jobs.SubmitApplicationAsync(new SubmitApplicationRequest { CandidateId = applicant.Id, JobId = job.Id, TrackingToken = link.Token });
        Assert.Equal(Channel.Linkedin, application.Source.Channel);
        application = await jobs.ChangeApplicationStageAsync(application.Id, $"\"{application.Version}\"", new ChangeStageRequest { Stage = "screening" });
        await jobs.ChangeApplicationStageAsync(application.Id, "*", new ChangeStageRequest { Stage = "interview" });
        await jobs.GetApplicationAsync(application.Id);
        await hr.ReferCandidateAsync(kari.AlumnusId, new ReferCandidateRequest
        {
            CandidateName = "Jonas Lie", CandidateEmail = $"jonas.{Guid.NewGuid():N}@example.org", JobId = job.Id, Note = "Great with SQL.",
        });
        await hr.ListReferralsAsync(kari.AlumnusId, null, null);

        // Kari is matched to the job, invited back and hired: a boomerang.
        await Eventually.WaitForAsync(() => matcher.ListOpenJobsAsync(1, 25), page => page.Items.Any(j => j.JobId == job.Id && j.Title == "Senior Backend Developer"), Soon);
        var matches = await Eventually.WaitForAsync(() => matcher.RankAlumniForJobAsync(job.Id, 10), m => m.Items.Any(a => a.AlumnusId == kari.AlumnusId), Soon);
        Assert.Contains("manager would rehire", matches.Items.Single(m => m.AlumnusId == kari.AlumnusId).Reasons);
        await matcher.InviteAlumnusBackAsync(job.Id, kari.AlumnusId);
        var boomerang = await Eventually.WaitForAsync(() => jobs.ListApplicationsAsync(job.Id, null, Channel.Boomerang, 50, null, null, null), page => page.Items.Count == 1, Soon);
        await jobs.ChangeApplicationStageAsync(boomerang.Items.Single().Id, null, new ChangeStageRequest { Stage = "hired" });
        var back = await Eventually.WaitForAsync(() => hr.GetAlumnusAsync(kari.AlumnusId), a => a.Status == AlumnusStatus.Returned, Soon);
        Assert.Equal(AlumniChannel.Boomerang, back.Return!.Channel);

        // The numbers.
        Assert.Contains((await hr.ListBoomerangsAsync(null, null, null, null, null)).Items, b => b.AlumnusId == kari.AlumnusId);
        Assert.Equal(1, (await hr.AlumniStatsAsync(null, null)).BoomerangRate.Count);
        var funnel = await jobs.FunnelStatsAsync(null, null, job.Id, null);
        Assert.Contains(funnel.Channels, channel => channel.Channel == Channel.Linkedin);
        await jobs.ListApplicationsAsync(null, null, null, 10, null, null, null);

        // What the LinkedIn campaign cost this month, corrected once; a mistaken entry deleted.
        var month = DateTime.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var spend = await jobs.RecordChannelSpendAsync(new ChannelSpendFields { Channel = Channel.Linkedin, Campaign = "autumn-2026", Month = month, Amount = 12000.50m, Currency = "NOK" });
        spend = await jobs.UpdateChannelSpendAsync(spend.Id, $"\"{spend.Version}\"", new ChannelSpendFields { Channel = Channel.Linkedin, Campaign = "autumn-2026", Month = month, Amount = 11999.99m, Currency = "NOK" });
        Assert.Equal(11999.99m, (await jobs.GetChannelSpendAsync(spend.Id)).Amount);
        var mistake = await jobs.RecordChannelSpendAsync(new ChannelSpendFields { Channel = Channel.X, Month = month, Amount = 1m, Currency = "NOK" });
        Assert.Null(mistake.Campaign);
        await jobs.DeleteChannelSpendAsync(mistake.Id, null);
        Assert.Equal([spend.Id], (await jobs.ListChannelSpendAsync(month, month, null, null, 1, 50)).Items.Select(item => item.Id));

        // Errors are problem details as documented.
        var missing = await Assert.ThrowsAsync<TalentNet.Clients.Candidates.ApiException<TalentNet.Clients.Candidates.ProblemDetails>>(() => jobs.GetJobAsync(Guid.NewGuid()));
        Assert.Equal(404, missing.StatusCode);
        var invalid = await Assert.ThrowsAsync<TalentNet.Clients.Candidates.ApiException<TalentNet.Clients.Candidates.ValidationProblemDetails>>(() =>
            jobs.OpenJobAsync(new JobFields { Title = "", Department = "Engineering", HiringManagerEmail = "not an email" }));
        Assert.Equal(400, invalid.StatusCode);
        await jobs.CloseJobAsync(job.Id);
        await hr.OptOutAlumnusAsync(per.AlumnusId);
    }

    private static RecordDepartureRequest Departure(string name, DepartureReason reason) => new()
    {
        EmployeeId = $"E-{Guid.NewGuid():N}"[..12], FullName = name, WorkEmail = $"{Guid.NewGuid():N}@acme.example",
        PersonalEmail = $"{Guid.NewGuid():N}@example.org", Department = "Engineering", Role = "Backend Developer",
        Manager = new ManagerBody { Name = "Ola Hansen", Email = "ola.hansen@acme.example" },
        StartedOn = new DateTimeOffset(2021, 3, 1, 0, 0, 0, TimeSpan.Zero),
        LastDay = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(-40), TimeSpan.Zero), Reason = reason,
        ExitInterview = new ExitInterview { WouldReturn = TalentNet.Clients.Alumni.ReturnIntent.Yes, Sentiment = "positive", Notes = "Would come back for the right team." },
        LinkedInUrl = "https://www.linkedin.com/in/" + name.ToLowerInvariant().Replace(' ', '-'),
        Consents = new ConsentsBody { AlumniNetwork = true, RehireOutreach = true, RecommendationRequest = true, ReferralAsk = true },
        Skills = ["csharp", "sql"],
    };

    private HttpClient Client(LiveService service, string role, string? email = null) =>
        new HttpClient(new ViolationRecorder(_violations)) { BaseAddress = service.Proxied }.As(role, email);
}
