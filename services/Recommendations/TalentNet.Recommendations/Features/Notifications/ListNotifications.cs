using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Contracts;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.OpenApi;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Recommendations.Features.Notifications;

/// <summary>GET /api/notifications?status=&amp;page=&amp;pageSize=: the mails to managers, HR and alumni, dead letters included (HR's view).</summary>
public static class ListNotifications
{
    /// <summary>A mail; RequestId for mails about a request, AlumnusId for mails to an alumnus (their link).</summary>
    public sealed record Notification(
        Guid Id, MailKind Kind, MailStatus Status, string Recipient, Language Language, Guid? RequestId, int Attempts, string? LastError,
        DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt, DateTimeOffset? SentAt, Guid? AlumnusId);

    internal const string Columns =
        """
        id AS Id, kind AS Kind, status AS Status, recipient AS Recipient, language AS Language, subject_id AS SubjectId, attempts AS Attempts,
        last_error AS LastError, created_at AS CreatedAt, next_attempt_at AS NextAttemptAt, sent_at AS SentAt
        """;

    internal static string CountSql(bool status) => $"SELECT COUNT(*) FROM mail_outbox WHERE {SqlFilter.Where((status, "status = @Status"))}";

    internal static string PageSql(SqlDialect dialect, bool status) =>
        $"SELECT {Columns} FROM mail_outbox WHERE {SqlFilter.Where((status, "status = @Status"))} ORDER BY created_at DESC, id DESC {dialect.Paging}";

    internal sealed class Row
    {
        public Guid Id { get; init; }
        public string Kind { get; init; } = "";
        public string Status { get; init; } = "";
        public string Recipient { get; init; } = "";
        public string Language { get; init; } = "";
        public Guid? SubjectId { get; init; }
        public int Attempts { get; init; }
        public string? LastError { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset NextAttemptAt { get; init; }
        public DateTimeOffset? SentAt { get; init; }

        public Notification ToResponse()
        {
            var kind = Wire<MailKind>.Parse(Kind);
            var toAlumnus = kind is MailKind.AlumniWelcome or MailKind.AlumniLink;
            return new(
                Id, kind, Wire<MailStatus>.Parse(Status), Recipient, Wire<Language>.Parse(Language), toAlumnus ? null : SubjectId, Attempts, LastError,
                CreatedAt, NextAttemptAt, SentAt, toAlumnus ? SubjectId : null);
        }
    }

    public static void Map(RouteGroupBuilder notifications) =>
        notifications.MapGet("/", Handle)
            .WithName("ListNotifications")
            .WithSummary("List mails to managers, HR and alumni")
            .WithDescription($"status: pending, sent, skipped (consent withdrawn or the request no longer open when due) or dead (every attempt failed; retry it). Newest first; page size at most {Paging.MaxPageSize}.")
            .RequireRoles(RecommendationsApi.DashboardReaders)
            .ProducesValidationProblem();

    public static async Task<Results<Ok<PagedList<Notification>>, ValidationProblem>> Handle(
        [Vocabulary<MailStatus>] string? status, int? page, int? pageSize, Database database, CancellationToken cancellationToken)
    {
        var validation = new Validation().OneOf<MailStatus>("status", status, required: false);
        var (number, size, skip) = Paging.Normalize(page, pageSize, validation);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var parameters = new { Status = status, Skip = skip, Take = size };
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(CountSql(status is not null), parameters);
        var rows = await connection.QueryAsync<Row>(PageSql(database.Dialect, status is not null), parameters);
        return TypedResults.Ok(new PagedList<Notification>(rows.Select(row => row.ToResponse()).ToList(), number, size, total));
    }
}
