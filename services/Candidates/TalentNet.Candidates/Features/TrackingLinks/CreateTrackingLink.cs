using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Candidates.Features.Jobs;
using TalentNet.Contracts;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Candidates.Features.TrackingLinks;

/// <summary>POST /api/jobs/{id}/tracking-links: a link to share an open job on one channel.</summary>
public static class CreateTrackingLink
{
    public sealed record Request(Channel? Channel, [property: MaxLength(Lengths.Campaign)] string? Campaign, [property: MaxLength(Lengths.Email)] string? SharedBy);

    private const string Alphabet = "23456789abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";

    internal const string InsertSql =
        """
        INSERT INTO tracking_links (token, job_id, channel, campaign, shared_by, created_by, created_at)
        VALUES (@Token, @JobId, @Channel, @Campaign, @SharedBy, @CreatedBy, @Now)
        """;

    public static void Map(RouteGroupBuilder jobs) =>
        jobs.MapPost("/{id:guid}/tracking-links", Handle)
            .WithName("CreateTrackingLink")
            .WithSummary("Create a tracking link for sharing a job on a channel")
            .RequireRoles(CandidatesApi.Writers)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Created<TrackingLink.Response>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, Request request, Database database, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Required("channel", request.Channel)
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
        var link = (await session.Connection.QuerySingleAsync<TrackingLink.Row>(TrackingLink.FindSql, new { Token = token }, session.Transaction)).ToResponse();
        await session.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/jobs/{id}/tracking-links/{token}", link);
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
