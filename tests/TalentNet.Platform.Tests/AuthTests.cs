using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using TalentNet.Candidates;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.Testing;

namespace TalentNet.Platform.Tests;

public sealed class AuthTests : IAsyncLifetime
{
    private ProbeApp _probe = null!;
    private ServiceHost<CandidatesProgram> _candidates = null!;

    public async Task InitializeAsync()
    {
        _probe = await ProbeApp.StartAsync();
        _candidates = new ServiceHost<CandidatesProgram>(TestDatabase.NewPath("auth"), rabbitMqUrl: null);
    }

    public async Task DisposeAsync()
    {
        await _probe.DisposeAsync();
        await _candidates.DisposeAsync();
    }

    [Fact]
    public async Task Anonymous_call_is_401_problem_details_with_a_bearer_challenge()
    {
        var response = await _candidates.CreateClient().GetAsync("/api/jobs");
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, header => header.Scheme == "Bearer");
    }

    [Fact]
    public async Task Dev_token_gets_through()
    {
        var response = await _candidates.CreateClient().As(Roles.Hr).GetAsync("/api/jobs");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Wrong_role_is_403_problem_details()
    {
        var client = _candidates.CreateClient().As(Roles.Hr);
        var response = await client.PostAsJsonAsync("/api/jobs", new { title = "x", department = "y", hiringManagerEmail = "a@b.example" });
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Token_signed_with_another_key_is_401()
    {
        var forged = DevTokens.Mint(new AuthOptions { SigningKey = "another-key-another-key-another-key-42" }, Roles.Admin);
        var client = _candidates.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", forged);
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/jobs"), HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("another issuer")]
    [InlineData("another audience")]
    public async Task A_token_the_signer_did_not_issue_exactly_so_is_401(string forgery)
    {
        var client = _candidates.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Forge(forgery));
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/jobs"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Only_hs256_is_accepted_for_the_local_key_even_when_signed_with_that_key()
    {
        // A key long enough for HS512, so that only the algorithm pin can refuse the token.
        var key = new string('k', 64);
        await using var service = new ServiceHost<CandidatesProgram>(TestDatabase.NewPath("auth-alg"), rabbitMqUrl: null,
            new Dictionary<string, string?> { ["Auth:SigningKey"] = key });
        var options = new AuthOptions { SigningKey = key };
        foreach (var (algorithm, expected) in new[] { (Microsoft.IdentityModel.Tokens.SecurityAlgorithms.HmacSha512, HttpStatusCode.Unauthorized), (Microsoft.IdentityModel.Tokens.SecurityAlgorithms.HmacSha256, HttpStatusCode.OK) })
        {
            var client = service.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Forge("nothing", options, algorithm));
            Assert.Equal(expected, (await client.GetAsync("/api/jobs")).StatusCode);
        }
    }

    [Fact]
    public async Task The_forgery_helper_makes_valid_tokens_when_nothing_is_forged()
    {
        var client = _candidates.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Forge("nothing"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/jobs")).StatusCode);
    }

    /// <summary>An admin token that differs from a genuine one in exactly one way.</summary>
    private static string Forge(string forgery, AuthOptions? signer = null, string algorithm = Microsoft.IdentityModel.Tokens.SecurityAlgorithms.HmacSha256)
    {
        signer ??= TestAuth.Options;
        var now = DateTime.UtcNow;
        var descriptor = new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = forgery == "another issuer" ? "someone-else" : signer.Issuer,
            Audience = forgery == "another audience" ? "another-api" : signer.Audience,
            Claims = new Dictionary<string, object> { [TalentNetClaims.Subject] = "forger", [TalentNetClaims.Role] = Roles.Admin },
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
        };
        var key = new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(signer.SigningKey!));
        if (forgery != "none")
        {
            descriptor.SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(key, algorithm);
        }

        return new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(descriptor);
    }

    [Fact]
    public async Task Expired_token_is_401()
    {
        var expired = DevTokens.Mint(TestAuth.Options, Roles.Admin, lifetime: TimeSpan.FromMinutes(-5));
        var client = _candidates.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", expired);
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/jobs"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Api_key_maps_to_its_role()
    {
        var client = _probe.CreateClient();
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, ProbeApp.IntegrationKey);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/probe/integration")).StatusCode);
        var who = await client.GetFromJsonAsync<Dictionary<string, string>>("/probe/anyone");
        Assert.Equal("hris", who!["actor"]);
    }

    [Fact]
    public async Task Unknown_api_key_is_401_and_a_token_of_another_role_is_403()
    {
        var wrongKey = _probe.CreateClient();
        wrongKey.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, "not-a-key");
        await ProblemAssert.IsProblemAsync(await wrongKey.GetAsync("/probe/integration"), HttpStatusCode.Unauthorized);

        var recruiter = _probe.CreateClient().As(Roles.Recruiter);
        await ProblemAssert.IsProblemAsync(await recruiter.GetAsync("/probe/integration"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_expired_api_key_is_401()
    {
        var expired = _probe.CreateClient();
        expired.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, ProbeApp.ExpiredKey);
        await ProblemAssert.IsProblemAsync(await expired.GetAsync("/probe/integration"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_weak_api_key_is_401_even_when_its_hash_is_configured()
    {
        var weak = _probe.CreateClient();
        weak.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, ProbeApp.WeakKey);
        await ProblemAssert.IsProblemAsync(await weak.GetAsync("/probe/integration"), HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("hrishrishrishrishrishrishrishrishris", false)]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false)]
    [InlineData("Summer2026!", false)]
    [InlineData("tnk_G_R5XfXEJRc-7Xg061OORPXps1Geod447AOI-7sh7Qs", true)]
    public void Key_strength_is_judged_from_the_key_itself(string key, bool strong) =>
        Assert.Equal(strong, ApiKeyStrength.IsStrong(key));

    [Fact]
    public void Every_key_of_128_random_bits_is_strong_enough()
    {
        for (var i = 0; i < 1000; i++)
        {
            var key = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
            Assert.True(ApiKeyStrength.IsStrong(key), $"{key}: {ApiKeyStrength.EstimatedBits(key):F0} bits");
        }
    }

    [Fact]
    public void Api_keys_are_configured_as_hashes_only()
    {
        var hash = ApiKeyAuthenticationHandler.Hash(ProbeApp.IntegrationKey);
        Assert.Equal(64, hash.Length);
        Assert.DoesNotContain(ProbeApp.IntegrationKey, hash, StringComparison.Ordinal);
    }
}
