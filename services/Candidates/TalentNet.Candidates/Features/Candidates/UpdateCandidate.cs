using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TalentNet.Messaging;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.OpenApi;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Candidates.Features.Candidates;

/// <summary>PATCH /api/candidates/{id}: JSON merge patch of contact details, profiles, tags and ATS ids.</summary>
public static class UpdateCandidate
{
    private static readonly IReadOnlyList<string> Patchable = OpenApiMetadata.FieldNames<CandidateFields>();

    public static void Map(RouteGroupBuilder candidates) =>
        candidates.MapPatch("/{id:guid}", Handle)
            .WithName("UpdateCandidate")
            .WithSummary("Change a candidate (merge patch)")
            .WithDescription($"Fields present replace the stored ones ({string.Join(", ", Patchable)}); null clears phone, profiles, tags, externalIds or additionalEmails; a changed email keeps the old one only when additionalEmails lists it. If-Match guards against concurrent edits (412).")
            .RequireRoles(CandidatesApi.PipelineWriters)
            .AcceptsMergePatch<CandidateFields>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

    public static async Task<Results<Ok<CandidateResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, JsonObject patch, [FromHeader(Name = "If-Match"), MaxLength(Lengths.ETag)] string? ifMatch,
        Database database, Outbox outbox, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        validation.OnlyFields(patch.Select(pair => pair.Key), Patchable);

        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        await using var session = await database.BeginAsync(cancellationToken);
        var current = await Candidate.FindAsync(session.Connection, id, session.Transaction);
        if (ApiProblems.Refuses(current, "Candidate", id, found => found.Version, ifMatch, out var refusal))
        {
            return refusal;
        }

        var merged = Merge(current, patch, validation);
        if (!validation.IsValid || merged is null)
        {
            return validation.ToProblem();
        }

        if (await Candidate.ConflictAsync(session, id, Candidate.EmailsOf(merged), merged.ExternalIds ?? new Dictionary<string, string>()) is { } conflict)
        {
            return RegisterCandidate.Conflict(conflict);
        }

        var updated = await Candidate.OverwriteAsync(session, outbox, current!, merged, clock.GetUtcNow());
        await session.CommitAsync(cancellationToken);

        http.Response.Headers.ETag = ETags.For(updated.Version);
        return TypedResults.Ok(updated);
    }

    /// <summary>The stored fields overlaid with the patch's, validated as a whole.</summary>
    private static CandidateFields? Merge(CandidateResponse current, JsonObject patch, Validation validation)
    {
        try
        {
            var fields = new CandidateFields(
                patch.ContainsKey("fullName") ? patch["fullName"]?.GetValue<string>() : current.FullName,
                patch.ContainsKey("email") ? patch["email"]?.GetValue<string>() : current.Email,
                patch.ContainsKey("phone") ? patch["phone"]?.GetValue<string>() : current.Phone,
                patch.ContainsKey("profiles") ? patch["profiles"]?.Deserialize<Dictionary<string, string>>(Candidate.Json) : current.Profiles,
                patch.ContainsKey("tags") ? patch["tags"]?.Deserialize<List<string>>(Candidate.Json) : current.Tags,
                patch.ContainsKey("externalIds") ? patch["externalIds"]?.Deserialize<Dictionary<string, string>>(Candidate.Json) : current.ExternalIds,
                patch.ContainsKey("additionalEmails") ? patch["additionalEmails"]?.Deserialize<List<string>>(Candidate.Json) : current.AdditionalEmails);
            Candidate.Validate(fields, validation);
            return fields;
        }
        catch (Exception exception) when (exception is InvalidOperationException or JsonException or FormatException)
        {
            validation.Add("body", "A field has the wrong type.");
            return null;
        }
    }
}
