using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Contracts;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.OpenApi;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Audit;

/// <summary>GET /api/audit?subjectId=&amp;page=&amp;pageSize=: the service's audit log, newest first (admins only).</summary>
public static class ListAuditLog
{
    public sealed record AuditEntry(long Id, DateTimeOffset OccurredAt, string Actor, AuditAction Action, string Operation, Guid? SubjectId, int Status);

    private sealed class Row
    {
        public long Id { get; init; }
        public DateTimeOffset OccurredAt { get; init; }
        public string Actor { get; init; } = "";
        public string Action { get; init; } = "";
        public string Operation { get; init; } = "";
        public Guid? SubjectId { get; init; }
        public int Status { get; init; }
    }

    internal static string CountSql(bool subject) => $"SELECT COUNT(*) FROM audit_log WHERE {SqlFilter.Where((subject, "subject_id = @SubjectId"))}";

    internal static string PageSql(SqlDialect dialect, bool subject) =>
        $"""
        SELECT id AS Id, occurred_at AS OccurredAt, actor AS Actor, action AS Action, operation AS Operation, subject_id AS SubjectId, status AS Status
        FROM audit_log WHERE {SqlFilter.Where((subject, "subject_id = @SubjectId"))} ORDER BY id DESC {dialect.Paging}
        """;

    public static WebApplication MapAudit(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGroup("/api/audit").WithDescribedTag("Audit", "Who read exit-interview data, HR's notes or recommendation text, and who changed a person's data.")
            .MapGet("/", Handle)
            .WithName("ListAuditLog")
            .WithSummary("The audit log, newest first")
            .WithDescription($"subjectId narrows it to one record (an alumnus, a request, a candidate…). Page size at most {Paging.MaxPageSize}.")
            .RequireRoles(Roles.Admin)
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<Results<Ok<PagedList<AuditEntry>>, ValidationProblem>> Handle(
        Guid? subjectId, int? page, int? pageSize, Database database, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var (number, size, skip) = Paging.Normalize(page, pageSize, validation);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        ArgumentNullException.ThrowIfNull(database);
        var parameters = new { SubjectId = subjectId, Skip = skip, Take = size };
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(CountSql(subjectId is not null), parameters);
        var rows = await connection.QueryAsync<Row>(PageSql(database.Dialect, subjectId is not null), parameters);
        return TypedResults.Ok(new PagedList<AuditEntry>(
            rows.Select(row => new AuditEntry(row.Id, row.OccurredAt, row.Actor, Wire<AuditAction>.Parse(row.Action), row.Operation, row.SubjectId, row.Status)).ToList(),
            number, size, total));
    }
}
