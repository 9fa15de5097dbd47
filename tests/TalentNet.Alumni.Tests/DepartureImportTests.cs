using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using TalentNet.ServiceDefaults.Auth;

namespace TalentNet.Alumni.Tests;

/// <summary>Departures imported from an HRIS export, recorded as the API records them.</summary>
public sealed class DepartureImportTests(AlumniApp app) : IClassFixture<AlumniApp>
{
    [Fact]
    public async Task An_hris_file_records_each_departure_once_with_manager_and_consents_and_reports_bad_rows()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var department = $"Imp-{marker}";
        var csv = string.Join("\n",
            "employeeId,fullName,workEmail,personalEmail,department,role,managerName,managerEmail,startedOn,lastDay,reason,wouldReturn,consentAlumniNetwork,consentRecommendationRequest,skills",
            $"E-{marker}-1,Siri Berg,siri.{marker}@acme.example,siri.{marker}@example.org,{department},Developer,Ola Hansen,ola@acme.example,2020-01-06,2026-05-31,relocation,yes,true,yes,csharp;sql",
            $"E-{marker}-2,Per Lie,per.{marker}@acme.example,,{department},Designer,Ola Hansen,ola@acme.example,2021-02-01,2026-06-30,career-change,maybe,false,no,",
            $"E-{marker}-3,Bad Reason,bad.{marker}@acme.example,,{department},Tester,Ola Hansen,ola@acme.example,2021-02-01,2026-06-30,bored,,maybe,,",
            $"E-{marker}-4,Bad Manager,four.{marker}@acme.example,,{department},Tester,Ola Hansen,not-an-email,2021-02-01,31.06.2026,relocation,,,,") + "\n";

        var first = await ImportAsync(csv);
        Assert.Equal(("completed", 4L, 2L, 0L, 2L), (first.Str("status"), first.GetProperty("read").GetInt64(), first.GetProperty("created").GetInt64(), first.GetProperty("unchanged").GetInt64(), first.GetProperty("failed").GetInt64()));
        var errors = first.GetProperty("errors").EnumerateArray().Select(error => (error.GetProperty("row").GetInt64(), error.Str("field"))).ToList();
        Assert.Contains((4L, "reason"), errors);
        Assert.Contains((4L, "consentAlumniNetwork"), errors);
        Assert.Contains((5L, "lastDay"), errors);

        var alumni = await Answer.OkAsync(await app.Hr.GetAsync($"/api/alumni?department={department}"));
        Assert.Equal(2, alumni.GetProperty("total").GetInt64());
        var siri = alumni.GetProperty("items").EnumerateArray().Single(alumnus => alumnus.Str("fullName") == "Siri Berg");
        Assert.True(siri.GetProperty("consents").GetProperty("recommendationRequest").GetBoolean());
        Assert.False(siri.GetProperty("consents").GetProperty("referralAsk").GetBoolean());
        // The consents came with the HRIS file: the departure's timeline entry says so.
        var timeline = await Answer.OkAsync(await app.Hr.GetAsync($"/api/alumni/{siri.Id()}/timeline"));
        Assert.Equal("import", timeline.GetProperty("items").EnumerateArray().Single(entry => entry.Str("kind") == "departed").Str("source"));

        var again = await ImportAsync(csv);
        Assert.Equal((0L, 2L), (again.GetProperty("created").GetInt64(), again.GetProperty("unchanged").GetInt64()));
        Assert.Equal(2, (await Answer.OkAsync(await app.Hr.GetAsync($"/api/alumni?department={department}"))).GetProperty("total").GetInt64());

        // The HRIS corrects Siri's last day in its next export: the same departure, corrected.
        var corrected = await ImportAsync(csv.Replace(",2026-05-31,", ",2026-06-15,", StringComparison.Ordinal));
        Assert.Equal((0L, 1L, 1L), (corrected.GetProperty("created").GetInt64(), corrected.GetProperty("updated").GetInt64(), corrected.GetProperty("unchanged").GetInt64()));
        var departures = await Answer.OkAsync(await app.Hr.GetAsync($"/api/departures?department={department}"));
        Assert.Equal(["2026-06-30", "2026-06-15"], departures.GetProperty("items").EnumerateArray().Select(departure => departure.Str("lastDay")));
        Assert.Equal("2026-06-15", (await Answer.OkAsync(await app.Hr.GetAsync($"/api/alumni/{siri.Id("id")}"))).Str("lastDay"));
        await Answer.ProblemAsync(await app.As(Roles.Recruiter).PostAsync("/api/imports/departures", new StringContent(csv, new MediaTypeHeaderValue("text/csv"))), HttpStatusCode.Forbidden);
    }

    private async Task<JsonElement> ImportAsync(string csv)
    {
        var integration = app.As(Roles.Integration);
        var accepted = await integration.PostAsync("/api/imports/departures", new StringContent(csv, new MediaTypeHeaderValue("text/csv")));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        return await Eventually.WaitForAsync(
            async () => await Answer.OkAsync(await integration.GetAsync(accepted.Headers.Location!.ToString())),
            import => import.Str("status") != "running", TimeSpan.FromSeconds(60));
    }
}
