using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using TalentNet.Candidates;
using TalentNet.Recommendations;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.Testing;

namespace TalentNet.Backbone.Tests;

/// <summary>Proof 7: the trace of an HTTP request continues in the consumer of its event.</summary>
public sealed class TraceTests
{
    [Fact]
    public async Task A_trace_started_by_an_http_request_continues_in_the_consumer_of_its_event()
    {
        var broker = await RabbitMqBroker.GetAsync();
        var url = await broker.CreateVirtualHostAsync("trace");
        var consumed = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "MassTransit",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Kind == ActivityKind.Consumer)
                {
                    consumed.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        await using var candidates = new ServiceHost<CandidatesProgram>(TestDatabase.NewPath("trace-c"), url);
        await using var recommendations = new ServiceHost<RecommendationsProgram>(TestDatabase.NewPath("trace-r"), url);
        var readiness = recommendations.CreateClient();
        await Eventually.WaitForAsync(() => readiness.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(60));

        var traceId = ActivityTraceId.CreateRandom();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs")
        {
            Content = JsonContent.Create(new { title = "Traced", department = "Engineering", hiringManagerEmail = "ola.hansen@acme.example" }),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        var response = await candidates.CreateClient().As(Roles.Recruiter).SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var found = await Eventually.WaitForAsync(
            () => Task.FromResult(consumed.FirstOrDefault(activity => activity.TraceId == traceId)),
            activity => activity is not null, TimeSpan.FromSeconds(30));
        Assert.True(found is not null, $"a consume activity in trace {traceId}");
        var description = $"{found.DisplayName} {string.Join(' ', found.Tags.Select(tag => $"{tag.Key}={tag.Value}"))}";
        Assert.True(description.Contains("recommendations", StringComparison.Ordinal), $"consumed by Recommendations: {description}");
    }
}
