using System.Net;
using System.Text.Json;
using TalentNet.Alumni;
using TalentNet.Candidates;
using TalentNet.Recommendations;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.Testing;

namespace TalentNet.Platform.Tests;

public sealed class SwaggerTests
{
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    [Fact]
    public async Task Outside_development_the_documents_are_for_signed_in_callers_unless_configured_otherwise()
    {
        // ServiceHost runs in "Testing": not Development; the harness's opt-in is taken away here.
        await using var candidates = new ServiceHost<CandidatesProgram>(
            TestDatabase.NewPath("swagger-private"), null, new Dictionary<string, string?> { ["OpenApi:Anonymous"] = null });
        var anonymous = candidates.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/swagger/v1/swagger.json")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/asyncapi/v1/asyncapi.json")).StatusCode);
        var signedIn = candidates.CreateClient().As(Roles.Recruiter);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/swagger/v1/swagger.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/asyncapi/v1/asyncapi.json")).StatusCode);
    }

    [Fact]
    public async Task Every_service_documents_every_endpoint_with_summary_auth_and_errors()
    {
        await using var candidates = new ServiceHost<CandidatesProgram>(TestDatabase.NewPath("swagger-c"), null);
        await using var alumni = new ServiceHost<AlumniProgram>(TestDatabase.NewPath("swagger-a"), null);
        await using var recommendations = new ServiceHost<RecommendationsProgram>(TestDatabase.NewPath("swagger-r"), null);
        await using var integrations = new ServiceHost<IntegrationsProgram>(TestDatabase.NewPath("swagger-i"), null);
        foreach (var client in new[] { candidates.CreateClient(), alumni.CreateClient(), recommendations.CreateClient(), integrations.CreateClient() })
        {
            var ui = await client.GetAsync("/swagger/index.html");
            Assert.Equal(HttpStatusCode.OK, ui.StatusCode);

            var document = JsonDocument.Parse(await client.GetStringAsync("/swagger/v1/swagger.json")).RootElement;
            var schemes = document.GetProperty("components").GetProperty("securitySchemes");
            Assert.True(schemes.TryGetProperty("Bearer", out _));
            Assert.True(schemes.TryGetProperty("ApiKey", out _));
            foreach (var path in document.GetProperty("paths").EnumerateObject())
            {
                foreach (var operation in path.Value.EnumerateObject().Where(op => Methods.Contains(op.Name)))
                {
                    var name = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                    Assert.False(string.IsNullOrWhiteSpace(operation.Value.GetProperty("summary").GetString()), $"{name} has a summary");
                    Assert.True(
                        new[] { "security", "x-signature", "x-session-cookie", "x-public" }.Any(key => operation.Value.TryGetProperty(key, out _)),
                        $"{name} documents its auth (a credential, how the caller signs it, its session cookie, or why it is public)");
                    var responses = operation.Value.GetProperty("responses");
                    // A public endpoint has no credential to refuse; every other one documents its 401.
                    Assert.True(operation.Value.TryGetProperty("x-public", out _) || responses.TryGetProperty("401", out _), $"{name} documents 401");
                    Assert.True(responses.EnumerateObject().Any(r => r.Name.StartsWith('2')), $"{name} documents its success");
                }
            }
        }
    }
}
