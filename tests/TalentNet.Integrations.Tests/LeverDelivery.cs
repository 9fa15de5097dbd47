using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace TalentNet.Integrations.Tests;

/// <summary>Lever deliveries as Lever sends them: ids only, the signature over token + triggeredAt inside the body.</summary>
public static class LeverDelivery
{
    public static string Body(string id, string @event, long triggeredAt, string opportunityId = "250d8f03-738a-4bba-a671-8a3d73477145") =>
        new JsonObject
        {
            ["id"] = id,
            ["triggeredAt"] = triggeredAt,
            ["event"] = @event,
            ["token"] = $"token-{id}",
            ["data"] = new JsonObject
            {
                ["opportunityId"] = opportunityId,
                ["contactId"] = "7f23e772-f2cf-4c8b-a8e5-6f0b7a9d1e2c",
                ["applicationId"] = "cdb6a2e9-1f3c-4b8a-9d7e-2a4b6c8d0e1f",
            },
        }.ToJsonString();

    /// <summary>The body with its signature made with <paramref name="key"/> (none when null); tampering changes the time after signing.</summary>
    public static HttpRequestMessage Post(string body, string? key, bool tamper = false)
    {
        var json = JsonNode.Parse(body)!.AsObject();
        if (key is not null)
        {
            json["signature"] = Webhook.Hmac(key, $"{json["token"]}{json["triggeredAt"]}");
        }

        if (tamper)
        {
            json["triggeredAt"] = json["triggeredAt"]!.GetValue<long>() + 1;
        }

        return new HttpRequestMessage(HttpMethod.Post, "/webhooks/lever")
        {
            Content = new StringContent(json.ToJsonString(), new MediaTypeHeaderValue("application/json")),
        };
    }
}

/// <summary>
/// Lever's REST API as the Integrations service calls it, answering with the shapes Lever documents
/// for GET /opportunities/:id and GET /postings/:id; it can be taken down to provoke retries.
/// </summary>
public sealed class LeverApiDouble : HttpMessageHandler
{
    public ConcurrentQueue<HttpRequestMessage> Requests { get; } = new();

    public bool Down { get; set; }

    public Dictionary<string, string> Opportunities { get; } = new()
    {
        ["250d8f03-738a-4bba-a671-8a3d73477145"] = """
            { "data": {
              "id": "250d8f03-738a-4bba-a671-8a3d73477145", "name": "Shane Smith", "headline": "Brickly LLC, Vandelay Industries",
              "contact": "7f23e772-f2cf-4c8b-a8e5-6f0b7a9d1e2c",
              "emails": ["shane@exampleq3.com"], "phones": [{ "type": "mobile", "value": "(123) 456-7891" }],
              "links": ["linkedin.com/in/shane-smith-0a1b2c", "indeed.com/r/Shane/0a1b2c3d4e5f"],
              "stage": { "id": "00922a60-7c15-422b-b086-f62000824fd7", "text": "Phone Screen" },
              "sources": ["LinkedIn"], "origin": "applied", "createdAt": 1759300000000,
              "applications": [{ "id": "cdb6a2e9-1f3c-4b8a-9d7e-2a4b6c8d0e1f", "type": "posting", "posting": "f2f01e16-27f8-4711-a728-7d49499795a0", "createdAt": 1759300000000 }]
            } }
            """,
    };

    public Dictionary<string, string> Postings { get; } = new()
    {
        ["f2f01e16-27f8-4711-a728-7d49499795a0"] = """
            { "data": { "id": "f2f01e16-27f8-4711-a728-7d49499795a0", "text": "Infrastructure Engineer",
              "categories": { "team": "Platform", "department": "Engineering", "location": "Oslo", "commitment": "Full-time" } } }
            """,
    };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        if (Down)
        {
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        }

        var path = request.RequestUri!.AbsolutePath;
        var id = path[(path.LastIndexOf('/') + 1)..];
        var found = path.Contains("/opportunities/", StringComparison.Ordinal) ? Opportunities.GetValueOrDefault(id)
            : path.Contains("/postings/", StringComparison.Ordinal) ? Postings.GetValueOrDefault(id)
            : null;
        return Task.FromResult(found is null
            ? new HttpResponseMessage(HttpStatusCode.NotFound)
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(found, Encoding.UTF8, "application/json") });
    }
}
