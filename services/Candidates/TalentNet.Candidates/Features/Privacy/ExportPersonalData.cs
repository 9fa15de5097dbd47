using Dapper;
using TalentNet.Audit;
using TalentNet.Candidates.Features.Applications;
using TalentNet.Candidates.Features.Candidates;
using TalentNet.Storage;

namespace TalentNet.Candidates.Features.Privacy;

/// <summary>GET /api/privacy/export?email=: everything Candidates holds about the person with this address (subject access).</summary>
public static class ExportPersonalData
{
    public sealed record CandidateData(CandidateResponse Candidate, IReadOnlyList<ApplicationResponse> Applications);

    public sealed record Response(string Service, string Email, IReadOnlyList<CandidateData> Candidates);

    internal const string ApplicationIdsSql = "SELECT id FROM applications WHERE candidate_id = @CandidateId ORDER BY created_at, id";

    public static void Map(RouteGroupBuilder privacy) =>
        privacy.MapPersonalDataExport("Any of a candidate's addresses finds them; their applications come with their stage history.", ReadAsync);

    public static async Task<Response> ReadAsync(string address, Database database, HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
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

        return new Response(CandidatesApi.ServiceName, address, found);
    }
}
