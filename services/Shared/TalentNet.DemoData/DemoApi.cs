using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace TalentNet.DemoData;

/// <summary>The gateway as the seeder calls it: an admin's bearer token, retries where the answer says to wait.</summary>
internal sealed class DemoApi : IDisposable
{
    private readonly HttpClient _http;

    public DemoApi(Uri gateway, string token)
    {
        _http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public sealed record Answer(HttpStatusCode Status, JsonElement Body)
    {
        public bool Ok => (int)Status is >= 200 and < 300;

        public Guid Id => Body.GetProperty("id").GetGuid();
    }

    public Task<Answer> PostAsync(string path, object body) => SendAsync(() => new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) });

    public Task<Answer> GetAsync(string path) => SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path));

    /// <summary>Throws on an answer the seeder did not expect, naming the call.</summary>
    public static Answer Expect(Answer answer, string what, params HttpStatusCode[] also)
    {
        if (!answer.Ok && !also.Contains(answer.Status))
        {
            throw new InvalidOperationException($"{what}: {(int)answer.Status} {answer.Body}");
        }

        return answer;
    }

    private async Task<Answer> SendAsync(Func<HttpRequestMessage> request)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var message = request();
            using var response = await _http.SendAsync(message);
            var text = await response.Content.ReadAsStringAsync();
            var retry = response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway;
            if (retry && attempt < 10)
            {
                var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(attempt);
                await Task.Delay(wait);
                continue;
            }

            var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
            return new Answer(response.StatusCode, body);
        }
    }

    public void Dispose() => _http.Dispose();
}
