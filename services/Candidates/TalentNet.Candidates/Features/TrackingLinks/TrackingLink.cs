using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Candidates.Features.Applications;
using TalentNet.Candidates.Features.Jobs;
using TalentNet.Contracts;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Candidates.Features.TrackingLinks;

/// <summary>
/// POST /api/jobs/{id}/tracking-links and GET /api/jobs/{id}/tracking-links/{token}: a short token
/// per shared post, so that an application made through it is attributed to its channel, campaign
/// and sharer.
/// </summary>
public static class TrackingLink
{
    public sealed record Request(Channel? Channel, string? Campaign, string? SharedBy);

    public sealed record Response(string Token, Guid JobId, Channel Channel, string? Campaign, string? SharedBy, string CreatedBy, DateTimeOffset CreatedAt);

    internal sealed class Row
    {
        public string Token { get; init; } = "";
        public Guid JobId { get; init; }
        public string Channel { get; init; } = "";
        public string? Campaign { get; init; }
        public string? SharedBy { get; init; }
        public string CreatedBy { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }

        public Response ToResponse() => new(Token, JobId, Wire<Channel>.Parse(Channel), Campaign, SharedBy, CreatedBy, CreatedAt);
    }

    private const string Alphabet = "23456789abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";

    internal const string FindSql =
        """
        SELECT token AS Token, job_id AS JobId, channel AS Channel, campaign AS Campaign, shared_by AS SharedBy,
               created_by AS CreatedBy, created_at AS CreatedAt
        FROM tracking_links WHERE token = @Token
        """;

    internal const string InsertSql =
        """
        INSERT INTO tracking_links (token, job_id, channel, campaign, shared_by, created_by, created_at)
        VALUES (@Token, @JobId, @Channel, @Campaign, @SharedBy, @CreatedBy, @Now)
        """;

    public static void Map(RouteGroupBuilder jobs)
    {
        jobs.MapPost("/{id:guid}/tracking-links", Create)
            .WithName("CreateTrackingLink")
            .WithSummary("Create a tracking link for sharing a job on a channel")
            .RequireRoles(CandidatesApi.Writers)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        jobs.MapGet("/{id:guid}/tracking-links/{token}", Get)
            .WithName("GetTrackingLink")
            .WithSummary("Read a tracking link")
            .RequireRoles(CandidatesApi.Readers)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<Results<Created<Response>, ValidationProblem, ProblemHttpResult>> Create(
        Guid id, Request request, Database database, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Required("channel", request.Channel)
            .MaxLength("campaign", request.Campaign, 100)
            .Email("sharedBy", request.SharedBy, required: false);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        await using var session = await database.BeginAsync(cancellationToken);
        var job = await Job.FindAsync(session.Connection, id, session.Transaction);
        if (job is null)
        {
            return ApiProblems.NotFound("Job", id);
        }

        if (job.Status != JobStatus.Open)
        {
            return ApiProblems.InvalidTransition("The job is closed.");
        }

        var token = NewToken();
        await session.Connection.ExecuteAsync(InsertSql, new
        {
            Token = token,
            JobId = id,
            Channel = request.Channel!.Value.ToWire(),
            Campaign = request.Campaign?.Trim(),
            SharedBy = request.SharedBy is null ? null : Validation.NormalizeEmail(request.SharedBy),
            CreatedBy = http.Actor(),
            Now = clock.GetUtcNow(),
        }, session.Transaction);
        var link = (await session.Connection.QuerySingleAsync<Row>(FindSql, new { Token = token }, session.Transaction)).ToResponse();
        await session.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/jobs/{id}/tracking-links/{token}", link);
    }

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> Get(Guid id, string token, Database database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(FindSql, new { Token = token });
        return row is null || row.JobId != id ? ApiProblems.NotFound("Tracking link", token) : TypedResults.Ok(row.ToResponse());
    }

    /// <summary>10 characters from an unambiguous alphabet: about 58 bits, plenty for links that are not secrets.</summary>
    private static string NewToken() =>
        string.Create(10, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[System.Security.Cryptography.RandomNumberGenerator.GetInt32(Alphabet.Length)];
            }
        });
}
