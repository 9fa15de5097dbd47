using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Audit;
using TalentNet.Candidates.Features.Applications;
using TalentNet.Candidates.Features.Candidates;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Candidates.Features.Privacy;

/// <summary>GET /api/privacy/export?email=: everything Candidates holds about the person with this address (subject access).</summary>
public static class ExportPersonalData
{
    public sealed record CandidateData(CandidateResponse Candidate, IReadOnlyList<ApplicationResponse> Applications);

    public sealed record Response(string Service, string Email, IReadOnlyList<CandidateData> Candidates);

    internal const string ApplicationIdsSql = "SELECT id FROM applications WHERE candidate_id = @CandidateId ORDER BY created_at, id";

    public static void Map(RouteGroupBuilder privacy) =>
        privacy.MapGet("/export", Handle)
            .WithName("ExportPersonalData")
            .WithSummary("Everything this service holds about the person with an email address (subject access)")
            .WithDescription("Any of a candidate's addresses finds them; their applications come with their stage history. The gateway's GET /api/privacy/export gathers every service's answer.")
            .RequireRoles(Roles.Hr, Roles.Admin)
            .ReadsSensitiveData(_ => true)
            .ProducesValidationProblem();

    public static async Task<Results<Ok<Response>, ValidationProblem>> Handle(string? email, Database database, CancellationToken cancellationToken)
    {
        var validation = new Validation().Email("email", email);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var address = Validation.NormalizeEmail(email!);
        await using var connection = await database.OpenAsync(cancellationToken);
        var found = new List<CandidateData>();
        foreach (var id in await connection.QueryAsync<Guid>(Candidate.IdByEmailSql, new { Email = address }))
        {
            if (await Candidate.FindAsync(connection, id) is not { } candidate)
            {
                continue;
            }

            var applications = new List<ApplicationResponse>();
            foreach (var applicationId in await connection.QueryAsync<Guid>(ApplicationIdsSql, new { CandidateId = id }))
            {
                applications.Add((await Application.FindAsync(connection, applicationId))!);
            }

            found.Add(new CandidateData(candidate, applications));
        }

        return TypedResults.Ok(new Response(CandidatesApi.ServiceName, address, found));
    }
}
