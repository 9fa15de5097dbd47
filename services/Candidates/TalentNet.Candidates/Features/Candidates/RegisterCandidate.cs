using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Messaging;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Candidates.Features.Candidates;

/// <summary>POST /api/candidates.</summary>
public static class RegisterCandidate
{
    public static void Map(RouteGroupBuilder candidates) =>
        candidates.MapPost("/", Handle)
            .WithName("RegisterCandidate")
            .WithSummary("Register a candidate")
            .WithDescription("Emails are normalized and unique: a second candidate with the same email gets 409 with a link to the existing one. ATS ids are unique per system. Publishes CandidateRegistered.")
            .RequireRoles(CandidatesApi.PipelineWriters)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Results<Created<CandidateResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        CandidateFields request, Database database, Outbox outbox, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        Candidate.Validate(request, validation);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        await using var session = await database.BeginAsync(cancellationToken);
        var outcome = await Candidate.RegisterAsync(session, outbox, request, clock.GetUtcNow());
        if (outcome is not Registration.Created created)
        {
            return Conflict(outcome);
        }

        await session.CommitAsync(cancellationToken);
        http.Response.Headers.ETag = ETags.For(created.Candidate.Version);
        return TypedResults.Created($"/api/candidates/{created.Candidate.Id}", created.Candidate);
    }

    internal static ProblemHttpResult Conflict(Registration outcome) => outcome switch
    {
        Registration.EmailTaken taken => ApiProblems.Conflict("A candidate with this email exists.", $"/api/candidates/{taken.ExistingId}"),
        Registration.ExternalIdTaken taken => ApiProblems.Conflict($"The {taken.System} id belongs to another candidate.", $"/api/candidates/{taken.ExistingId}"),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };
}
