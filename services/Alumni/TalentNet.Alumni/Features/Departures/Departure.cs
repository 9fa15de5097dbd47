using System.Text.Json;
using TalentNet.Contracts;
using TalentNet.ServiceDefaults.Idempotency;

namespace TalentNet.Alumni.Features.Departures;

/// <summary>A recorded departure, as stored (with the body an HRIS retry is compared with) and as read.</summary>
public static class Departure
{
    public sealed record Response(
        Guid Id, Guid AlumnusId, string EmployeeId, DateOnly LastDay, DepartureReason? Reason, string Department, RehireEligibility RehireEligibility,
        DateTimeOffset CreatedAt, DateTimeOffset? UpdatedAt, DateTimeOffset? RescindedAt);

    internal const string SelectColumns =
        """
        id AS Id, alumnus_id AS AlumnusId, employee_id AS EmployeeId, last_day AS LastDay, reason AS Reason,
        department AS Department, rehire_eligibility AS RehireEligibility, created_at AS CreatedAt, updated_at AS UpdatedAt, rescinded_at AS RescindedAt,
        body_hash AS BodyHash, body AS Body
        """;

    internal const string FindSql = $"SELECT {SelectColumns} FROM departures WHERE id = @Id";

    /// <summary>The alumnus's other departures that still count, latest first.</summary>
    internal const string OthersSql =
        $"SELECT {SelectColumns} FROM departures WHERE alumnus_id = @AlumnusId AND id <> @Id AND rescinded_at IS NULL ORDER BY last_day DESC";

    public sealed class Row
    {
        public Guid Id { get; init; }
        public Guid AlumnusId { get; init; }
        public string EmployeeId { get; init; } = "";
        public DateOnly LastDay { get; init; }
        public string Reason { get; init; } = "";
        public string Department { get; init; } = "";
        public string RehireEligibility { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? UpdatedAt { get; init; }
        public DateTimeOffset? RescindedAt { get; init; }
        public string BodyHash { get; init; } = "";
        public string Body { get; init; } = "{}";

        /// <summary>Whether a retry carries the body recorded here, whichever release recorded it.</summary>
        public bool IsSameBody(string fingerprint) => BodyHash == fingerprint || BodyFingerprint.OfJson(Body) == fingerprint;

        public Response ToResponse() => new(
            Id, AlumnusId, EmployeeId, LastDay, Wire<DepartureReason>.Parse(Reason), Department, Wire<RehireEligibility>.Parse(RehireEligibility),
            CreatedAt, UpdatedAt, RescindedAt);

        /// <summary>The body as recorded (or last corrected), normalized.</summary>
        public RecordDeparture.Request Recorded() => JsonSerializer.Deserialize<RecordDeparture.Request>(Body, RecordDeparture.Json)!;
    }
}
