using Dapper;
using TalentNet.Audit;
using TalentNet.Recommendations.Features.Requests;
using TalentNet.Storage;

namespace TalentNet.Recommendations.Features.Privacy;

/// <summary>GET /api/privacy/export?email=: everything Recommendations holds about the person with this address (subject access).</summary>
public static class ExportPersonalData
{
    public sealed record KnownLeaver(
        Guid AlumnusId, string FullName, string? PersonalEmail, string WorkEmail, string? LinkedInUrl, string Department, string Role,
        string? Language, string Status, DateTimeOffset UpdatedAt);

    public sealed record Mail(Guid Id, string Kind, string Status, DateTimeOffset CreatedAt, DateTimeOffset? SentAt);

    public sealed record Response(
        string Service, string Email, IReadOnlyList<KnownLeaver> AsLeaver, IReadOnlyList<RecommendationRequestResponse> RequestsAboutThem,
        IReadOnlyList<RecommendationRequestResponse> RequestsTheyWereAsked, IReadOnlyList<Mail> MailsToThem);

    internal const string LeaversSql =
        """
        SELECT alumnus_id AS AlumnusId, full_name AS FullName, personal_email AS PersonalEmail, work_email AS WorkEmail, linkedin_url AS LinkedInUrl,
               department AS Department, role AS Role, language AS Language, status AS Status, updated_at AS UpdatedAt
        FROM alumni_read WHERE personal_email = @Email OR work_email = @Email
        """;

    internal const string AboutSql = "SELECT id FROM recommendation_requests WHERE alumnus_id IN @Ids ORDER BY requested_at, id";

    internal const string AskedSql = "SELECT id FROM recommendation_requests WHERE manager_email = @Email ORDER BY requested_at, id";

    internal const string MailsSql =
        "SELECT id AS Id, kind AS Kind, status AS Status, created_at AS CreatedAt, sent_at AS SentAt FROM mail_outbox WHERE recipient = @Email ORDER BY created_at, id";

    private sealed class LeaverRow
    {
        public Guid AlumnusId { get; init; }
        public string FullName { get; init; } = "";
        public string? PersonalEmail { get; init; }
        public string WorkEmail { get; init; } = "";
        public string? LinkedInUrl { get; init; }
        public string Department { get; init; } = "";
        public string Role { get; init; } = "";
        public string? Language { get; init; }
        public string Status { get; init; } = "";
        public DateTimeOffset UpdatedAt { get; init; }
    }

    private sealed class MailRow
    {
        public Guid Id { get; init; }
        public string Kind { get; init; } = "";
        public string Status { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? SentAt { get; init; }
    }

    public static void Map(RouteGroupBuilder privacy) =>
        privacy.MapPersonalDataExport(
            "The leaver as this service knows them, the requests about them (with the manager's text), the requests they were asked as a manager, and the mails sent to the address.",
            ReadAsync);

    public static async Task<Response> ReadAsync(string address, Database database, HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(http);
        var today = DateOnly.FromDateTime(http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        await using var connection = await database.OpenAsync(cancellationToken);
        var leavers = (await connection.QueryAsync<LeaverRow>(LeaversSql, new { Email = address }))
            .Select(row => new KnownLeaver(row.AlumnusId, row.FullName, row.PersonalEmail, row.WorkEmail, row.LinkedInUrl, row.Department, row.Role, row.Language, row.Status, row.UpdatedAt))
            .ToList();
        async Task<List<RecommendationRequestResponse>> RequestsAsync(string sql, object parameters)
        {
            var found = new List<RecommendationRequestResponse>();
            foreach (var id in await connection.QueryAsync<Guid>(sql, parameters))
            {
                found.Add((await RecommendationRequest.FindAsync(connection, id, today))!);
            }

            return found;
        }

        var about = leavers.Count == 0 ? [] : await RequestsAsync(AboutSql, new { Ids = leavers.Select(leaver => leaver.AlumnusId).ToList() });
        var asked = await RequestsAsync(AskedSql, new { Email = address });
        var mails = (await connection.QueryAsync<MailRow>(MailsSql, new { Email = address }))
            .Select(row => new Mail(row.Id, row.Kind, row.Status, row.CreatedAt, row.SentAt)).ToList();
        return new Response(RecommendationsApi.ServiceName, address, leavers, about, asked, mails);
    }
}
