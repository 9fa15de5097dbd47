using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TalentNet.Candidates;
using TalentNet.Contracts;
using TalentNet.Contracts.Candidates;
using TalentNet.Contracts.Recommendations;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.Testing;

namespace TalentNet.Alumni.Tests;

/// <summary>Alumni over a real broker, with the Candidates service and with scripted events.</summary>
public sealed class AlumniFlowTests
{
    [Fact]
    public async Task A_leaver_who_registers_and_is_hired_again_is_flagged_returns_and_counts_as_one_boomerang()
    {
        var broker = await RabbitMqBroker.GetAsync();
        var url = await broker.CreateVirtualHostAsync("alumni-flow");
        await using var alumni = new ServiceHost<AlumniProgram>(TestDatabase.NewPath("flow-alumni"), url);
        await using var candidates = new ServiceHost<CandidatesProgram>(TestDatabase.NewPath("flow-candidates"), url);
        var hr = alumni.CreateClient().As(Roles.Hr);
        var recruiter = candidates.CreateClient().As(Roles.Recruiter);
        foreach (var client in new[] { hr, recruiter })
        {
            Assert.Equal(HttpStatusCode.OK, (await Eventually.WaitForAsync(() => client.GetAsync("/health/ready"), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(60))).StatusCode);
        }

        var personalEmail = $"kari.{Guid.NewGuid():N}@example.org";
        var departure = await hr.DepartAsync(Api.Departure(lastDay: "2025-05-15", personalEmail: personalEmail));
        var alumnusId = departure.Id("alumnusId");

        var candidate = await Api.ReadAsync(await recruiter.PostAsJsonAsync("/api/candidates", new { fullName = "Kari Nordmann", email = personalEmail }), HttpStatusCode.Created);
        var flagged = await Eventually.WaitForAsync(
            () => recruiter.GetFromJsonAsync<JsonElement>($"/api/candidates/{candidate.Id("id")}"),
            c => c.GetProperty("formerEmployee").ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(30));
        Assert.Equal(alumnusId, flagged.GetProperty("formerEmployee").Id("alumnusId"));
        Assert.Equal("eligible", flagged.GetProperty("formerEmployee").Str("rehireEligibility"));

        var job = await Api.ReadAsync(await recruiter.PostAsJsonAsync("/api/jobs", new { title = "Staff Engineer", department = "Engineering", hiringManagerEmail = "ola@acme.example" }), HttpStatusCode.Created);
        var application = await Api.ReadAsync(await recruiter.PostAsJsonAsync("/api/applications", new { candidateId = candidate.Id("id"), jobId = job.Id("id"), source = new { channel = "linkedin" } }), HttpStatusCode.Created);
        await Api.ReadAsync(await recruiter.PostAsJsonAsync($"/api/applications/{application.Id("id")}/stage", new { stage = "hired" }), HttpStatusCode.OK);

        var returned = await Eventually.WaitForAsync(
            () => hr.GetFromJsonAsync<JsonElement>($"/api/alumni/{alumnusId}"),
            a => a.Str("status") == "returned", TimeSpan.FromSeconds(30));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.Equal("returned", returned.Str("status"));
        Assert.Equal(MonthsCounted(new DateOnly(2025, 5, 15), today), returned.GetProperty("return").GetProperty("monthsAway").GetInt32());
        Assert.Equal(("linkedin", "Staff Engineer"), (returned.GetProperty("return").Str("channel"), returned.GetProperty("return").Str("newRole")));

        var stats = await hr.GetFromJsonAsync<JsonElement>("/api/stats");
        Assert.Equal(1, stats.GetProperty("boomerangShareOfHires").GetProperty("count").GetInt64());
        Assert.Equal(1, stats.GetProperty("boomerangRate").GetProperty("count").GetInt64());
        var boomerangs = await hr.GetFromJsonAsync<JsonElement>("/api/boomerangs");
        Assert.Equal(alumnusId, Assert.Single(boomerangs.GetProperty("items").EnumerateArray()).Id("alumnusId"));
        var timeline = await hr.GetFromJsonAsync<JsonElement>($"/api/alumni/{alumnusId}/timeline");
        Assert.Equal(["departed", "matched-candidate", "application", "returned"], timeline.GetProperty("items").EnumerateArray().Select(e => e.Str("kind")));
    }

    private sealed record Leaver(string Name, string Reason, DateOnly LastDay, bool Recommended, DateOnly? HiredAgain, string Eligibility);

    [Fact]
    public async Task Statistics_match_a_scripted_set_of_leavers_returns_hires_recommendations_and_referrals()
    {
        var leavers = new[]
        {
            new Leaver("L1", "resignation", new(2026, 2, 15), true, new(2026, 9, 15), "eligible"),
            new Leaver("L2", "relocation", new(2026, 3, 1), true, null, "eligible"),
            new Leaver("L3", "layoff", new(2026, 4, 10), false, new(2026, 12, 1), "eligible"),
            new Leaver("L4", "performance", new(2026, 5, 5), true, null, "with-review"),
            new Leaver("L5", "conduct", new(2026, 6, 1), false, null, "not-eligible"),
            new Leaver("L6", "resignation", new(2026, 6, 20), false, new(2026, 10, 1), "eligible"),
            new Leaver("L7", "resignation", new(2025, 6, 1), false, new(2026, 3, 1), "eligible"),
        };
        DateOnly[] otherHires = [new(2026, 1, 20), new(2026, 2, 2), new(2026, 6, 30), new(2026, 8, 1)];
        var (from, to) = (new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30));

        var broker = await RabbitMqBroker.GetAsync();
        var url = await broker.CreateVirtualHostAsync("alumni-stats");
        await using var alumni = new ServiceHost<AlumniProgram>(TestDatabase.NewPath("stats-alumni"), url);
        var hr = alumni.CreateClient().As(Roles.Hr);
        Assert.Equal(HttpStatusCode.OK, (await Eventually.WaitForAsync(() => hr.GetAsync("/health/ready"), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(60))).StatusCode);

        var ids = new Dictionary<string, (Guid Id, string Email)>();
        foreach (var leaver in leavers)
        {
            var email = $"{leaver.Name.ToLowerInvariant()}.{Guid.NewGuid():N}@example.org";
            var departure = await hr.DepartAsync(Api.Departure(reason: leaver.Reason, lastDay: leaver.LastDay.ToString("yyyy-MM-dd"), personalEmail: email));
            ids[leaver.Name] = (departure.Id("alumnusId"), email);
        }

        var referralEmails = new[] { $"ref1.{Guid.NewGuid():N}@example.org", $"ref2.{Guid.NewGuid():N}@example.org" };
        foreach (var email in referralEmails)
        {
            await Api.ReadAsync(await hr.PostAsJsonAsync($"/api/alumni/{ids["L2"].Id}/referrals", new { candidateName = "Referred", candidateEmail = email }), HttpStatusCode.Created);
        }

        var events = new List<IIntegrationEvent>();
        foreach (var leaver in leavers)
        {
            if (leaver.Recommended)
            {
                events.Add(new RecommendationGiven(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), ids[leaver.Name].Id, "ola@acme.example", true, ["mentoring"], null));
            }

            if (leaver.HiredAgain is { } hiredOn)
            {
                events.Add(Hire(ids[leaver.Name].Email, hiredOn, new ApplicationSource(Channel.LinkedIn)));
            }
        }

        events.AddRange(otherHires.Select(day => Hire($"{Guid.NewGuid():N}@example.org", day, new ApplicationSource(Channel.X))));
        events.Add(Hire(referralEmails[0], new DateOnly(2026, 11, 1), new ApplicationSource(Channel.AlumniReferral, ReferrerKind: ReferrerKind.Alumnus, ReferrerId: ids["L2"].Id.ToString())));
        await EventPublisher.PublishAsync(url, events);

        await Eventually.WaitForAsync(() => hr.GetFromJsonAsync<JsonElement>("/api/stats"),
            s => s.GetProperty("alumniByStatus").TryGetProperty("returned", out var returned) && returned.GetInt64() == 4
                 && s.GetProperty("referralToHire").GetProperty("count").GetInt64() == 1, TimeSpan.FromSeconds(30));
        await Eventually.WaitForAsync(() => hr.GetFromJsonAsync<JsonElement>($"/api/alumni/{ids["L4"].Id}"), a => a.Str("recommendationStatus") == "given", TimeSpan.FromSeconds(30));
        var window = await hr.GetFromJsonAsync<JsonElement>($"/api/stats?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}");
        var allTime = await hr.GetFromJsonAsync<JsonElement>("/api/stats");

        var inWindow = leavers.Where(l => l.LastDay >= from && l.LastDay <= to).ToList();
        AssertRate(window.GetProperty("boomerangRate"), inWindow.Count(l => l.HiredAgain is not null), inWindow.Count);
        var hiresInWindow = leavers.Where(l => l.HiredAgain is { } d && d >= from && d <= to).Select(l => l.HiredAgain!.Value).Concat(otherHires.Where(d => d >= from && d <= to)).Count();
        AssertRate(window.GetProperty("boomerangShareOfHires"), leavers.Count(l => l.HiredAgain is { } d && d >= from && d <= to), hiresInWindow);
        var monthsInWindow = leavers.Where(l => l.HiredAgain is { } d && d >= from && d <= to).Select(l => MonthsCounted(l.LastDay, l.HiredAgain!.Value)).Order().ToList();
        Assert.Equal(monthsInWindow[monthsInWindow.Count / 2], window.GetProperty("medianMonthsAway").GetDouble());
        foreach (var reason in Wire<DepartureReason>.Names)
        {
            // Every reason is listed, zero where nobody left for it.
            Assert.Equal(inWindow.Count(l => l.Reason == reason), window.GetProperty("departuresByReason").GetProperty(reason).GetInt64());
        }

        foreach (var eligibility in inWindow.Select(l => l.Eligibility).Distinct())
        {
            Assert.Equal(inWindow.Count(l => l.Eligibility == eligibility), window.GetProperty("eligibilityMix").GetProperty(eligibility).GetInt64());
        }

        AssertRate(window.GetProperty("returnRateWithRecommendation"), inWindow.Count(l => l.Recommended && l.HiredAgain is not null), inWindow.Count(l => l.Recommended));
        AssertRate(window.GetProperty("returnRateWithoutRecommendation"), inWindow.Count(l => !l.Recommended && l.HiredAgain is not null), inWindow.Count(l => !l.Recommended));
        Assert.Equal(leavers.Count(l => l.HiredAgain is null), allTime.GetProperty("alumniByStatus").GetProperty("alumnus").GetInt64());
        Assert.Equal(referralEmails.Length, allTime.GetProperty("alumniReferrals").GetInt64());
        AssertRate(allTime.GetProperty("referralToHire"), 1, referralEmails.Length);
        var referrals = await hr.GetFromJsonAsync<JsonElement>($"/api/alumni/{ids["L2"].Id}/referrals");
        Assert.Equal(1, referrals.GetProperty("items").EnumerateArray().Count(r => r.Str("status") == "hired"));

        // The dashboard reads counts kept with each write; over whole months it must say what the scans say.
        var dashboard = await hr.GetFromJsonAsync<JsonElement>($"/api/dashboard?from={from:yyyy-MM}&to={to:yyyy-MM}");
        foreach (var rate in new[] { "boomerangRate", "boomerangShareOfHires" })
        {
            AssertRate(dashboard.GetProperty(rate), window.GetProperty(rate).GetProperty("count").GetInt64(), window.GetProperty(rate).GetProperty("of").GetInt64());
        }

        Assert.Equal(window.GetProperty("medianMonthsAway").GetDouble(), dashboard.GetProperty("medianMonthsAway").GetDouble());
        var outcomes = dashboard.GetProperty("returnByRecommendation").EnumerateArray().ToList();
        Assert.Equal(
            (inWindow.Count(l => l.Recommended && l.HiredAgain is not null), inWindow.Count(l => l.Recommended)),
            (outcomes.Where(o => o.Str("outcome") == "given").Sum(o => o.GetProperty("returned").GetInt64()), outcomes.Where(o => o.Str("outcome") == "given").Sum(o => o.GetProperty("leavers").GetInt64())));
        Assert.Equal(["2026-Q1", "2026-Q2"], outcomes.Select(o => o.Str("quarter")).Distinct());
        Assert.Equal(inWindow.Count(l => l.LastDay.Month == 6), dashboard.GetProperty("boomerangTrend").EnumerateArray().Single(m => m.Str("month") == "2026-06").GetProperty("leavers").GetInt64());
        var thisYear = await hr.GetFromJsonAsync<JsonElement>($"/api/dashboard?from={DateTime.UtcNow.AddMonths(-11):yyyy-MM}");
        AssertRate(thisYear.GetProperty("referralConversion"), 1, referralEmails.Length);
        var engineering = await hr.GetFromJsonAsync<JsonElement>($"/api/dashboard?from={from:yyyy-MM}&to={to:yyyy-MM}&department=Engineering");
        Assert.Equal(window.GetProperty("boomerangShareOfHires").GetProperty("of").GetInt64(), engineering.GetProperty("boomerangShareOfHires").GetProperty("of").GetInt64());
        var nowhere = await hr.GetFromJsonAsync<JsonElement>($"/api/dashboard?from={from:yyyy-MM}&to={to:yyyy-MM}&department=Nowhere");
        Assert.Equal((0, 0), (nowhere.GetProperty("leavers").GetInt64(), nowhere.GetProperty("boomerangShareOfHires").GetProperty("of").GetInt64()));

        // The migration that builds the counts for what was recorded before they were kept gives the same counts.
        await TallyRebuild.AssertRebuildsAsync(alumni.Services, typeof(AlumniProgram).Assembly, "0002_dashboard_tallies.sql");
    }

    private static CandidateHired Hire(string email, DateOnly hiredOn, ApplicationSource source) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), email, "Engineer", "Engineering", source, hiredOn);

    private static void AssertRate(JsonElement rate, long count, long of)
    {
        Assert.Equal((count, of), (rate.GetProperty("count").GetInt64(), rate.GetProperty("of").GetInt64()));
    }

    /// <summary>Months away counted by stepping a calendar month at a time (independent of the service's formula).</summary>
    private static int MonthsCounted(DateOnly from, DateOnly to)
    {
        var months = 0;
        while (from.AddMonths(months + 1) <= to)
        {
            months++;
        }

        return months;
    }
}
