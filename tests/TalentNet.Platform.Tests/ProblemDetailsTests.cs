using System.Net;
using System.Net.Http.Json;
using System.Text;
using TalentNet.Candidates;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.Testing;

namespace TalentNet.Platform.Tests;

public sealed class ProblemDetailsTests : IAsyncLifetime
{
    private ProbeApp _probe = null!;
    private ServiceHost<CandidatesProgram> _candidates = null!;

    public async Task InitializeAsync()
    {
        _probe = await ProbeApp.StartAsync(new Dictionary<string, string?> { ["Limits:MaxBodyBytes"] = "512" });
        _candidates = new ServiceHost<CandidatesProgram>(TestDatabase.NewPath("problems"), rabbitMqUrl: null);
    }

    public async Task DisposeAsync()
    {
        await _probe.DisposeAsync();
        await _candidates.DisposeAsync();
    }

    [Fact]
    public async Task Validation_failure_is_400_with_field_errors()
    {
        var client = _candidates.CreateClient().As(Roles.Recruiter);
        var response = await client.PostAsJsonAsync("/api/jobs", new { title = "", department = "Engineering", hiringManagerEmail = "not-an-email" });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Equal("Required.", errors.GetProperty("title")[0].GetString());
        Assert.Equal("Not a valid email address.", errors.GetProperty("hiringManagerEmail")[0].GetString());
        Assert.False(errors.TryGetProperty("department", out _));
    }

    [Fact]
    public async Task Unknown_resource_is_404()
    {
        var client = _candidates.CreateClient().As(Roles.Recruiter);
        var response = await client.GetAsync($"/api/jobs/{Guid.NewGuid()}");
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Conflict_is_409_and_links_the_existing_resource()
    {
        var response = await _probe.CreateClient().As(Roles.Admin).GetAsync("/probe/conflict");
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("/probe/things/1", problem.GetProperty("existing").GetString());
    }

    [Fact]
    public async Task Invalid_state_transition_is_422()
    {
        var response = await _probe.CreateClient().As(Roles.Admin).GetAsync("/probe/invalid");
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Stale_version_is_412_with_the_current_etag()
    {
        var response = await _probe.CreateClient().As(Roles.Admin).GetAsync("/probe/stale");
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.PreconditionFailed);
        Assert.Equal("\"7\"", problem.GetProperty("currentETag").GetString());
    }

    [Fact]
    public async Task Unhandled_exception_is_500_without_internals_or_stack_trace()
    {
        var response = await _probe.CreateClient().As(Roles.Admin).GetAsync("/probe/boom");
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.InternalServerError);
        var raw = problem.GetRawText();
        Assert.DoesNotContain("hunter2", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", raw, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_json_is_400_naming_the_field_not_the_clr_type()
    {
        var client = _candidates.CreateClient().As(Roles.Recruiter);
        var truncated = await client.PostAsync("/api/jobs", new StringContent("{\"title\": ", Encoding.UTF8, "application/json"));
        await ProblemAssert.IsProblemAsync(truncated, HttpStatusCode.BadRequest);

        var wrongType = await client.PostAsync("/api/jobs", new StringContent("{\"title\": 5}", Encoding.UTF8, "application/json"));
        var problem = await ProblemAssert.IsProblemAsync(wrongType, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("title", out _));
        Assert.DoesNotContain("TalentNet.", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_content_type_is_415()
    {
        var client = _candidates.CreateClient().As(Roles.Recruiter);
        var response = await client.PostAsync("/api/jobs", new StringContent("title=x", Encoding.UTF8, "application/x-www-form-urlencoded"));
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Oversized_body_is_413()
    {
        var client = _probe.CreateClient().As(Roles.Admin);
        var declared = new StringContent($"{{\"text\":\"{new string('x', 2000)}\"}}", Encoding.UTF8, "application/json");
        await declared.LoadIntoBufferAsync();
        Assert.NotNull(declared.Headers.ContentLength);
        await ProblemAssert.IsProblemAsync(await client.PostAsync("/probe/echo", declared), HttpStatusCode.RequestEntityTooLarge);

        // Chunked, with no length given up front: Kestrel stops reading at the limit.
        var chunked = await client.PostAsync("/probe/echo", new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes($"{{\"text\":\"{new string('x', 2000)}\"}}")))
        {
            Headers = { ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") },
        }.WithChunkedTransfer());
        await ProblemAssert.IsProblemAsync(chunked, HttpStatusCode.RequestEntityTooLarge);

        var small = await client.PostAsJsonAsync("/probe/echo", new { text = "fits" });
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
    }
}

internal static class ChunkedContent
{
    /// <summary>Sends the content without a Content-Length, as a chunked body.</summary>
    public static HttpContent WithChunkedTransfer(this HttpContent content)
    {
        content.Headers.ContentLength = null;
        return new ChunkedWrapper(content);
    }

    private sealed class ChunkedWrapper : HttpContent
    {
        private readonly HttpContent _inner;

        public ChunkedWrapper(HttpContent inner)
        {
            _inner = inner;
            foreach (var header in inner.Headers)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => _inner.CopyToAsync(stream);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
