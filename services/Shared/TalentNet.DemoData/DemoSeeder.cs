using System.Globalization;
using System.Net;
using System.Text.Json;

namespace TalentNet.DemoData;

/// <summary>
/// Records the plan through the public APIs, as an HRIS, an ATS and the people in them would:
/// spend, jobs and tracking links, departures, applicants moving through the pipeline (history with
/// past dates), former managers' answers, boomerangs and alumni referrals.
/// </summary>
internal sealed class DemoSeeder(DemoApi api, DemoPlan plan, TextWriter log)
{
    private const int Parallelism = 6;

    private static readonly string[] Tags = ["demo"];

    private static readonly string[] Strengths = ["collaboration", "ownership"];

    private static readonly string[] DeclineReasons = ["Did not work closely enough", "Left before I joined the team", "Company policy in my former unit"];

    private readonly List<(Guid Id, PlannedJob Job, string? LinkedIn, string? Facebook)> _jobs = [];

    /// <summary>False when the demo was there already (its first spend record exists): nothing is added then.</summary>
    public async Task<bool> RunAsync()
    {
        if (!await RecordSpendAsync())
        {
            log.WriteLine("demo: the demo data is there already; nothing added.");
            return false;
        }

        await OpenJobsAsync();
        var departures = await RecordDeparturesAsync();
        // Before the schedule expires the requests of long-gone leavers.
        await AnswerRequestsAsync(departures);
        var hires = await RecordApplicationsAsync();
        await BringBackBoomerangsAsync(departures);
        var referralHires = await ReferAsync(departures);
        log.WriteLine($"demo: {DemoPlan.Jobs} jobs, {DemoPlan.Applications} applications ({hires} hired), {departures.Count} departures, " +
                      $"{DemoPlan.Boomerangs} boomerangs, {DemoPlan.Referrals} alumni referrals ({referralHires} hired).");
        return true;
    }

    private async Task<bool> RecordSpendAsync()
    {
        foreach (var month in plan.Months)
        {
            var at = DateTimeOffset.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
            foreach (var (channel, low, high) in DemoPlan.Spend)
            {
                var answer = await api.PostAsync("candidates/api/channel-spend", new
                {
                    channel, campaign = DemoPlan.Campaign(at), month, amount = Math.Round(plan.Random.Decimal(low, high), 2), currency = "NOK",
                });
                if (answer.Status == HttpStatusCode.Conflict)
                {
                    return false;
                }

                DemoApi.Expect(answer, "channel spend");
            }
        }

        log.WriteLine("demo: monthly spend per channel recorded.");
        return true;
    }

    private async Task OpenJobsAsync()
    {
        foreach (var job in plan.JobList)
        {
            var opened = DemoApi.Expect(await api.PostAsync("candidates/api/jobs", new
            {
                title = job.Title, department = job.Department, location = job.Location, skills = job.Skills, hiringManagerEmail = job.ManagerEmail,
                postingUrl = $"https://careers.acme.example/jobs/{_jobs.Count + 1}",
            }), "job");
            var linkedIn = await LinkAsync(opened.Id, "linkedin", $"recruiter{_jobs.Count % 3}@acme.example");
            var facebook = await LinkAsync(opened.Id, "facebook", null);
            _jobs.Add((opened.Id, job, linkedIn, facebook));
        }

        log.WriteLine($"demo: {_jobs.Count} jobs with their tracking links opened.");
    }

    private async Task<string?> LinkAsync(Guid job, string channel, string? sharedBy) =>
        DemoApi.Expect(await api.PostAsync($"candidates/api/jobs/{job}/tracking-links", new { channel, sharedBy }), "tracking link")
            .Body.GetProperty("token").GetString();

    private async Task<List<(PlannedDeparture Plan, Guid AlumnusId)>> RecordDeparturesAsync()
    {
        var recorded = new List<(PlannedDeparture, Guid)>();
        foreach (var departure in plan.DepartureList.OrderBy(departure => departure.LastDay))
        {
            var answer = DemoApi.Expect(await api.PostAsync("alumni/api/departures", new
            {
                employeeId = departure.EmployeeId, fullName = departure.FullName, workEmail = departure.WorkEmail, personalEmail = departure.PersonalEmail,
                department = departure.Department, role = departure.Role, manager = new { name = "Former Manager", email = departure.ManagerEmail },
                lastDay = departure.LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), reason = departure.Reason,
                exitInterview = new { wouldReturn = departure.WouldReturn },
                consents = new
                {
                    alumniNetwork = departure.AlumniNetwork, rehireOutreach = departure.RehireOutreach,
                    recommendationRequest = departure.RecommendationRequest, referralAsk = departure.ReferralAsk,
                },
            }), "departure", HttpStatusCode.OK);
            recorded.Add((departure, answer.Body.GetProperty("alumnusId").GetGuid()));
        }

        log.WriteLine($"demo: {recorded.Count} departures recorded.");
        return recorded;
    }

    private async Task<int> RecordApplicationsAsync()
    {
        var hires = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, DemoPlan.Applications), new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (index, _) =>
        {
            var (job, channel, appliedAt, path) = Draw(index);
            var candidate = await RegisterAsync($"applicant{index}@example.net", index);
            var source = channel switch
            {
                "linkedin" when index % 3 == 0 && job.LinkedIn is not null => (object?)null,
                "facebook" when index % 3 == 0 && job.Facebook is not null => null,
                _ => new { channel, campaign = channel is "linkedin" or "facebook" or "instagram" or "x" or "youtube" or "job-board" ? DemoPlan.Campaign(appliedAt) : null },
            };
            var token = source is null ? (channel == "linkedin" ? job.LinkedIn : job.Facebook) : null;
            var application = DemoApi.Expect(await api.PostAsync("candidates/api/applications", token is null
                ? new { candidateId = candidate, jobId = job.Id, source, appliedAt }
                : new { candidateId = candidate, jobId = job.Id, trackingToken = token, appliedAt }), "application");
            if (await MoveAsync(application.Id, appliedAt, path))
            {
                Interlocked.Increment(ref hires);
            }
        });
        log.WriteLine($"demo: {DemoPlan.Applications} applications recorded, {hires} of them hired.");
        return hires;
    }

    /// <summary>One applicant: the job, the channel, when they applied and the stages they pass, drawn from the index alone.</summary>
    private ((Guid Id, PlannedJob Job, string? LinkedIn, string? Facebook) Job, string Channel, DateTimeOffset AppliedAt, List<string> Path) Draw(int index)
    {
        lock (plan)
        {
            var job = _jobs[plan.Random.Int(0, _jobs.Count - 1)];
            var appliedAt = plan.Between(plan.Start, TimeSpan.Zero, plan.Now.AddDays(-1) - plan.Start);
            var path = new List<string>();
            foreach (var (stage, onward) in DemoPlan.Funnel)
            {
                if (!plan.Random.Bool((float)onward))
                {
                    path.Add(plan.Random.Bool(0.8f) ? "rejected" : "withdrawn");
                    break;
                }

                path.Add(stage);
            }

            return (job, plan.PickChannel(), appliedAt, path);
        }
    }

    private static readonly string[] RejectionReasons = ["not-qualified", "salary", "position-filled", "no-response", "other"];

    private async Task<Guid> RegisterAsync(string email, int index)
    {
        var answer = DemoApi.Expect(await api.PostAsync("candidates/api/candidates", new
        {
            fullName = $"Applicant {index}", email, profiles = new { linkedin = $"https://www.linkedin.com/in/applicant-{index}" }, tags = Tags,
        }), "candidate", HttpStatusCode.Conflict);
        if (answer.Status == HttpStatusCode.Conflict)
        {
            return Guid.Parse(answer.Body.GetProperty("existing").GetString()!.Split('/')[^1]);
        }

        return answer.Id;
    }

    /// <summary>Moves an application along its path, a few days per step, stopping where the path reaches now; true when hired.</summary>
    private async Task<bool> MoveAsync(Guid application, DateTimeOffset appliedAt, IEnumerable<string> path)
    {
        var at = appliedAt;
        foreach (var stage in path)
        {
            string? rejectionReason;
            lock (plan)
            {
                at = plan.Between(at, TimeSpan.FromDays(2), TimeSpan.FromDays(12));
                rejectionReason = stage == "rejected" ? plan.Random.ArrayElement(RejectionReasons) : null;
            }

            if (at >= plan.Now)
            {
                return false;
            }

            DemoApi.Expect(await api.PostAsync($"candidates/api/applications/{application}/stage", new { stage, reason = "Decided in the demo", occurredAt = at, rejectionReason }), $"move to {stage}");
            if (stage == "hired")
            {
                return true;
            }
        }

        return false;
    }

    private async Task BringBackBoomerangsAsync(List<(PlannedDeparture Plan, Guid AlumnusId)> departures)
    {
        var returning = departures
            .Where(departure => departure.Plan.Reason is "resignation" or "relocation" or "studies" or "career-change" or "contract-end")
            .Where(departure => departure.Plan.LastDay.ToDateTime(TimeOnly.MinValue) < plan.Now.AddMonths(-3).UtcDateTime)
            .Take(DemoPlan.Boomerangs)
            .ToList();
        foreach (var ((departure, _), index) in returning.Select((departure, index) => (departure, index)))
        {
            var job = _jobs[index % _jobs.Count];
            var candidate = await RegisterAsync(departure.PersonalEmail, 10_000 + index);
            var lastDay = new DateTimeOffset(departure.LastDay.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
            var appliedAt = plan.Between(lastDay, TimeSpan.FromDays(45), TimeSpan.FromDays(Math.Max(46, (plan.Now - lastDay).TotalDays - 40)));
            var application = DemoApi.Expect(await api.PostAsync("candidates/api/applications", new
            {
                candidateId = candidate, jobId = job.Id, source = new { channel = "boomerang" }, appliedAt,
            }), "boomerang application");
            DemoApi.Expect(await api.PostAsync($"candidates/api/applications/{application.Id}/stage", new
            {
                stage = "hired", occurredAt = plan.Between(appliedAt, TimeSpan.FromDays(10), TimeSpan.FromDays(30)),
            }), "boomerang hire");
        }

        log.WriteLine($"demo: {returning.Count} leavers hired back.");
    }

    /// <summary>Former managers give or decline as the requests arrive; the rest stay open until they expire.</summary>
    private async Task AnswerRequestsAsync(List<(PlannedDeparture Plan, Guid AlumnusId)> departures)
    {
        var byAlumnus = departures.ToDictionary(departure => departure.AlumnusId, departure => departure.Plan);
        var answered = new HashSet<Guid>();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        var lastNew = DateTimeOffset.UtcNow;
        // Requests arrive as Recommendations consumes the departures: wait until none has come for a while.
        while (DateTimeOffset.UtcNow < deadline && DateTimeOffset.UtcNow - lastNew < TimeSpan.FromSeconds(answered.Count == 0 ? 20 : 4))
        {
            var page = await api.GetAsync("recommendations/api/recommendation-requests?pageSize=100&status=requested");
            var requests = page.Ok ? page.Body.GetProperty("items").EnumerateArray().ToList() : [];
            foreach (var request in requests.Where(request => !answered.Contains(request.GetProperty("id").GetGuid())))
            {
                var id = request.GetProperty("id").GetGuid();
                answered.Add(id);
                lastNew = DateTimeOffset.UtcNow;
                if (byAlumnus.TryGetValue(request.GetProperty("alumnusId").GetGuid(), out var departure))
                {
                    await AnswerAsync(id, departure);
                }
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        log.WriteLine($"demo: {answered.Count} recommendation requests seen and answered where the manager would.");
    }

    private async Task AnswerAsync(Guid request, PlannedDeparture departure)
    {
        var lastDay = new DateTimeOffset(departure.LastDay.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
        double roll;
        DateTimeOffset at;
        lock (plan)
        {
            roll = plan.Random.Double();
            at = plan.Between(lastDay, TimeSpan.FromDays(1), TimeSpan.FromDays(28));
        }

        if (at >= plan.Now)
        {
            return;
        }

        if (roll < 0.58)
        {
            var given = await api.PostAsync($"recommendations/api/recommendation-requests/{request}/give", new
            {
                text = $"{departure.FullName.Split(' ')[0]} was a dependable colleague who made the team better.", strengths = Strengths,
                wouldRehire = roll < 0.5, givenAt = at,
            });
            if (given.Ok && roll < 0.3)
            {
                await api.PostAsync($"recommendations/api/recommendation-requests/{request}/publish", new { url = $"https://www.linkedin.com/in/{departure.EmployeeId.ToLowerInvariant()}/details/recommendations/" });
            }
        }
        else if (roll < 0.75)
        {
            await api.PostAsync($"recommendations/api/recommendation-requests/{request}/decline", new { reason = DeclineReasons[(int)(roll * 100) % DeclineReasons.Length], declinedAt = at });
        }
    }

    private async Task<int> ReferAsync(List<(PlannedDeparture Plan, Guid AlumnusId)> departures)
    {
        var referrers = departures.Where(departure => departure.Plan.ReferralAsk || departure.Plan.AlumniNetwork).Take(DemoPlan.Referrals).ToList();
        var referred = new List<(Guid Job, string Email)>();
        foreach (var ((_, alumnus), index) in referrers.Select((referrer, index) => (referrer, index)))
        {
            var job = _jobs[(index * 7) % _jobs.Count];
            var email = $"referred{index}@example.net";
            DemoApi.Expect(await api.PostAsync($"alumni/api/alumni/{alumnus}/referrals", new
            {
                candidateName = $"Referred Friend {index}", candidateEmail = email, jobId = job.Id, note = "A former colleague of mine.",
            }), "referral");
            referred.Add((job.Id, email));
        }

        var hired = 0;
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        foreach (var job in referred.Take(DemoPlan.ReferralHires).Select(referral => referral.Job).Distinct())
        {
            while (DateTimeOffset.UtcNow < deadline)
            {
                var page = await api.GetAsync($"candidates/api/applications?jobId={job}&channel=alumni-referral&pageSize=50");
                var open = page.Ok ? page.Body.GetProperty("items").EnumerateArray().Where(item => item.GetProperty("isOpen").GetBoolean()).ToList() : [];
                if (open.Count > 0)
                {
                    var moved = await api.PostAsync($"candidates/api/applications/{open[0].GetProperty("id").GetGuid()}/stage", new { stage = "hired" });
                    hired += moved.Ok ? 1 : 0;
                    break;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }
        }

        log.WriteLine($"demo: {referred.Count} alumni referrals made, {hired} hired.");
        return hired;
    }
}
