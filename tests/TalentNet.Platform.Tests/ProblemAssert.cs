using System.Net;
using System.Text.Json;

namespace TalentNet.Platform.Tests;

internal static class ProblemAssert
{
    /// <summary>Asserts an RFC 9457 answer with the status and returns its JSON.</summary>
    public static async Task<JsonElement> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, json.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("title").GetString()));
        Assert.True(json.TryGetProperty("traceId", out _), "problem details carry a traceId");
        return json;
    }
}
