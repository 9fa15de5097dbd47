using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Contracts;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Alumni.Features.Alumni;

/// <summary>PUT /api/alumni/{id}/eligibility: HR overrides the rehire eligibility the reason gave, with a note on the timeline.</summary>
public static class OverrideEligibility
{
    public sealed record Request(RehireEligibility? Eligibility, [property: MaxLength(NoteLength)] string? Note);

    /// <summary>HR's note on an override (column eligibility_note).</summary>
    public const int NoteLength = 1000;

    internal const string EligibilitySql =
        "UPDATE alumni SET rehire_eligibility = @Eligibility, eligibility_note = @Note, updated_at = @Now, version = version + 1 WHERE id = @Id";

    public static void Map(RouteGroupBuilder alumni) =>
        alumni.MapPut("/{id:guid}/eligibility", Handle)
            .WithName("OverrideRehireEligibility")
            .WithSummary("Override rehire eligibility, with a note")
            .RequireRoles(AlumniApi.Writers)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<AlumnusResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, Request request, Database database, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = new Validation().Required("eligibility", request.Eligibility).Required("note", request.Note, NoteLength);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        await using var session = await database.BeginAsync(cancellationToken);
        var current = await Alumnus.FindAsync(session.Connection, id, session.Transaction);
        if (current is null)
        {
            return ApiProblems.NotFound("Alumnus", id);
        }

        var now = clock.GetUtcNow();
        await session.Connection.ExecuteAsync(EligibilitySql, new { Id = id, Eligibility = request.Eligibility!.Value.ToWire(), Note = request.Note!.Trim(), Now = now }, session.Transaction);
        await Alumnus.RecordAsync(session, id, "eligibility-overridden",
            $"{http.Actor()} changed rehire eligibility from {current.RehireEligibility.ToWire()} to {request.Eligibility.Value.ToWire()}: {request.Note.Trim()}", now);
        var updated = (await Alumnus.FindAsync(session.Connection, id, session.Transaction))!;
        await session.CommitAsync(cancellationToken);
        return TypedResults.Ok(updated);
    }
}
