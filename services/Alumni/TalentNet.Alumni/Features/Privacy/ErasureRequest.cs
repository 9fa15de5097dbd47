using System.Text.Json.Serialization;
using Dapper;
using TalentNet.Contracts;

namespace TalentNet.Alumni.Features.Privacy;

/// <summary>Where an erasure request stands: pending until every service that holds personal data has reported.</summary>
[JsonConverter(typeof(WireEnumConverter<ErasureStatus>))]
public enum ErasureStatus
{
    Pending,
    Completed,
}

/// <summary>An erasure request as HR follows it: each service's report, nothing about the person.</summary>
public static class ErasureRequest
{
    /// <summary>The services that hold personal data; each consumes the request and reports back.</summary>
    public static readonly IReadOnlyList<string> Services = ["candidates", "alumni", "recommendations", "integrations"];

    public sealed record ServiceReport(string Service, ErasureStatus Status, int? Records, DateTimeOffset? ErasedAt);

    public sealed record Response(Guid Id, ErasureStatus Status, DateTimeOffset RequestedAt, DateTimeOffset? CompletedAt, IReadOnlyList<ServiceReport> Services);

    internal const string FindSql = "SELECT id AS Id, requested_at AS RequestedAt, completed_at AS CompletedAt FROM erasure_requests WHERE id = @Id";

    internal const string ReportsSql = "SELECT service AS Service, records AS Records, erased_at AS ErasedAt FROM erasure_reports WHERE request_id = @Id";

    private sealed class RequestRow
    {
        public Guid Id { get; init; }
        public DateTimeOffset RequestedAt { get; init; }
        public DateTimeOffset? CompletedAt { get; init; }
    }

    private sealed class ReportRow
    {
        public string Service { get; init; } = "";
        public int Records { get; init; }
        public DateTimeOffset ErasedAt { get; init; }
    }

    public static async Task<Response?> FindAsync(System.Data.Common.DbConnection connection, Guid id, System.Data.Common.DbTransaction? transaction = null)
    {
        var request = await connection.QuerySingleOrDefaultAsync<RequestRow>(FindSql, new { Id = id }, transaction);
        if (request is null)
        {
            return null;
        }

        var reports = (await connection.QueryAsync<ReportRow>(ReportsSql, new { Id = id }, transaction)).ToDictionary(row => row.Service, StringComparer.Ordinal);
        return new Response(
            request.Id, request.CompletedAt is null ? ErasureStatus.Pending : ErasureStatus.Completed, request.RequestedAt, request.CompletedAt,
            [.. Services.Select(service => reports.TryGetValue(service, out var report)
                ? new ServiceReport(service, ErasureStatus.Completed, report.Records, report.ErasedAt)
                : new ServiceReport(service, ErasureStatus.Pending, null, null))]);
    }
}
