using System.Net;
using System.Net.Http.Json;
using Dapper;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.Storage;
using TalentNet.Testing;

namespace TalentNet.Backbone.Tests;

/// <summary>The smallest real trip over the broker: both services ready, a job opened in Candidates reaches Recommendations.</summary>
internal static class JobRoundTrip
{
    public static async Task RunAsync(ServiceHost<CandidatesProgram> candidates, ServiceHost<RecommendationsProgram> recommendations)
    {
        var recruiter = candidates.CreateClient().As(Roles.Recruiter);
        foreach (var client in new[] { recruiter, recommendations.CreateClient() })
        {
            var ready = await Eventually.WaitForAsync(() => client.GetAsync("/health/ready"), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(60));
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        var opened = await recruiter.PostAsJsonAsync("/api/jobs", new
        {
            title = "Platform Engineer", department = "Engineering", skills = new[] { "go" }, hiringManagerEmail = "ola.hansen@acme.example",
        });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var recommendationsDb = new Database(new DatabaseOptions { ConnectionString = $"Data Source={recommendations.DatabasePath}" }, "probe");
        var jobs = await Eventually.WaitForAsync(async () =>
        {
            await using var connection = await recommendationsDb.OpenAsync();
            return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM open_jobs");
        }, count => count == 1, TimeSpan.FromSeconds(60), 250);
        if (jobs != 1)
        {
            var candidatesDb = new Database(new DatabaseOptions { ConnectionString = $"Data Source={candidates.DatabasePath}" }, "probe");
            await using var db = await candidatesDb.OpenAsync();
            var errors = await db.QueryAsync<string>("SELECT COALESCE(last_error, 'none') || ' attempts ' || attempts || ' processed ' || COALESCE(processed_at, '-') FROM outbox_messages");
            Assert.Fail($"the job did not reach Recommendations; candidates' outbox: {string.Join("; ", errors)}");
        }
    }
}
