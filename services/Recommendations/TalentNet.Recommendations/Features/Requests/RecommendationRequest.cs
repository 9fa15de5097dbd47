using System.Data.Common;
using System.Text.Json;
using Dapper;
using TalentNet.Contracts;
using TalentNet.Storage;

namespace TalentNet.Recommendations.Features.Requests;

public sealed record RecommendationRequestResponse(
    Guid Id,
    Guid AlumnusId,
    string AlumnusName,
    string? AlumnusRole,
    string? AlumnusLinkedInUrl,
    ReturnIntent? WouldReturn,
    string ManagerEmail,
    string Department,
    DateOnly LastDay,
    RecommendationStatus Status,
    DateOnly DueOn,
    bool Overdue,
    DateTimeOffset RequestedAt,
    string? Text,
    IReadOnlyList<string> Strengths,
    bool? WouldRehire,
    string? PublishedUrl,
    string? DeclineReason,
    DateTimeOffset? GivenAt,
    string? ActedBy,
    bool OnManagersBehalf,
    DateTimeOffset UpdatedAt,
    int Version);

public static class RecommendationRequest
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    internal const string SelectColumns =
        """
        r.id AS Id, r.alumnus_id AS AlumnusId, COALESCE(a.full_name, '') AS AlumnusName, a.role AS AlumnusRole, a.linkedin_url AS AlumnusLinkedInUrl,
        a.would_return AS WouldReturn, r.manager_email AS ManagerEmail,
        r.department AS Department, r.last_day AS LastDay, r.status AS Status, r.due_on AS DueOn, r.requested_at AS RequestedAt, r.text AS Text,
        r.strengths AS Strengths, r.would_rehire AS WouldRehire, r.published_url AS PublishedUrl, r.decline_reason AS DeclineReason,
        r.given_at AS GivenAt, r.acted_by AS ActedBy, r.updated_at AS UpdatedAt, r.version AS Version
        """;

    internal const string From = "recommendation_requests r LEFT JOIN alumni_read a ON a.alumnus_id = r.alumnus_id";

    internal static readonly string FindSql = $"SELECT {SelectColumns} FROM {From} WHERE r.id = @Id";

    public static async Task<RecommendationRequestResponse?> FindAsync(DbConnection connection, Guid id, DateOnly today, DbTransaction? transaction = null) =>
        (await connection.QuerySingleOrDefaultAsync<Row>(FindSql, new { Id = id }, transaction))?.ToResponse(today);

    /// <summary>Whether the leaver wants a recommendation now (consent not withdrawn, not opted out, not rescinded), as this service last heard.</summary>
    internal const string LeaverConsentsSql =
        "SELECT COUNT(*) FROM alumni_read WHERE alumnus_id = @AlumnusId AND consent_recommendation = 1 AND status NOT IN (@OptedOut, @Rescinded)";

    internal const string CancelSql =
        "UPDATE recommendation_requests SET status = @Cancelled, updated_at = @Now, version = version + 1 WHERE id = @Id AND status = @Requested";

    internal const string DropScheduleSql = "UPDATE recommendation_schedule SET processed_at = @Now WHERE request_id = @Id AND processed_at IS NULL";

    public static async Task<bool> LeaverConsentsAsync(DbSession db, Guid alumnusId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Connection.ExecuteScalarAsync<long>(LeaverConsentsSql, new
        {
            AlumnusId = alumnusId, OptedOut = AlumnusStatus.OptedOut.ToWire(), Rescinded = AlumnusStatus.Rescinded.ToWire(),
        }, db.Transaction) > 0;
    }

    internal const string OpenRequestsSql = "SELECT id FROM recommendation_requests WHERE alumnus_id = @AlumnusId AND status = @Requested";

    /// <summary>Every open request about the leaver cancelled with its reminders and expiry, and counted so.</summary>
    public static async Task CancelOpenAsync(DbSession db, Guid alumnusId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        foreach (var id in await db.Connection.QueryAsync<Guid>(OpenRequestsSql, new { AlumnusId = alumnusId, Requested = RecommendationStatus.Requested.ToWire() }, db.Transaction))
        {
            var before = (await FindAsync(db.Connection, id, today, db.Transaction))!;
            await CancelAsync(db, id, now);
            await Dashboard.RequestTallies.ChangedAsync(db, before, (await FindAsync(db.Connection, id, today, db.Transaction))!);
        }
    }

    /// <summary>An open request cancelled with its pending reminders and expiry (counted by the caller).</summary>
    public static async Task CancelAsync(DbSession db, Guid id, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Connection.ExecuteAsync(CancelSql, new
        {
            Id = id, Cancelled = RecommendationStatus.Cancelled.ToWire(), Requested = RecommendationStatus.Requested.ToWire(), Now = now,
        }, db.Transaction);
        await db.Connection.ExecuteAsync(DropScheduleSql, new { Id = id, Now = now }, db.Transaction);
    }


    internal sealed class Row
    {
        public Guid Id { get; init; }
        public Guid AlumnusId { get; init; }
        public string AlumnusName { get; init; } = "";
        public string? AlumnusRole { get; init; }
        public string? AlumnusLinkedInUrl { get; init; }
        public string? WouldReturn { get; init; }
        public string ManagerEmail { get; init; } = "";
        public string Department { get; init; } = "";
        public DateOnly LastDay { get; init; }
        public string Status { get; init; } = "";
        public DateOnly DueOn { get; init; }
        public DateTimeOffset RequestedAt { get; init; }
        public string? Text { get; init; }
        public string? Strengths { get; init; }
        public int? WouldRehire { get; init; }
        public string? PublishedUrl { get; init; }
        public string? DeclineReason { get; init; }
        public DateTimeOffset? GivenAt { get; init; }
        public string? ActedBy { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }
        public int Version { get; init; }

        public RecommendationRequestResponse ToResponse(DateOnly today)
        {
            var status = Wire<RecommendationStatus>.Parse(Status);
            return new(
                Id, AlumnusId, AlumnusName, AlumnusRole, AlumnusLinkedInUrl, WouldReturn is null ? null : Wire<ReturnIntent>.Parse(WouldReturn),
                ManagerEmail, Department, LastDay, status, DueOn, status == RecommendationStatus.Requested && DueOn < today, RequestedAt, Text,
            Strengths is null ? [] : JsonSerializer.Deserialize<List<string>>(Strengths, Json) ?? [],
                WouldRehire is null ? null : WouldRehire == 1, PublishedUrl, DeclineReason, GivenAt, ActedBy,
                ActedBy is not null && !ActedBy.StartsWith($"{TalentNet.ServiceDefaults.Auth.Roles.Manager} ", StringComparison.Ordinal), UpdatedAt, Version);
        }
    }
}
