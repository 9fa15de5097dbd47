using System.Net;
using System.Text.Json;
using Xunit;

namespace TalentNet.Testing;

/// <summary>Reading answers in tests: the status asserted with the body in the message, then the JSON.</summary>
public static class Answer
{
    public static async Task<JsonElement> CreatedAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"expected 201, got {(int)response.StatusCode}: {body}");
        Assert.NotNull(response.Headers.Location);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"expected 200, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Asserts a problem-details answer with the status and returns it.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static Guid Id(this JsonElement element, string property = "id") => element.GetProperty(property).GetGuid();

    public static string Str(this JsonElement element, string property) => element.GetProperty(property).GetString()!;
}
