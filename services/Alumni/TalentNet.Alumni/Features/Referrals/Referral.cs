using TalentNet.Contracts;

using TalentNet.Storage;

namespace TalentNet.Alumni.Features.Referrals;

/// <summary>Someone an alumnus referred, and how far they came (the outcome follows Candidates' events).</summary>
public static class Referral
{
    public sealed record Response(
        Guid Id, Guid AlumnusId, string CandidateName, string CandidateEmail, string? ProfileUrl, Guid? JobId, string? Note,
        ReferralStatus Status, string? StageReached, Guid? ApplicationId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

    internal sealed class Row
    {
        public Guid Id { get; init; }
        public Guid AlumnusId { get; init; }
        public string CandidateName { get; init; } = "";
        public string CandidateEmail { get; init; } = "";
        public string? ProfileUrl { get; init; }
        public Guid? JobId { get; init; }
        public string? Note { get; init; }
        public string Status { get; init; } = "";
        public string? StageReached { get; init; }
        public Guid? ApplicationId { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }

        public Response ToResponse() => new(Id, AlumnusId, CandidateName, CandidateEmail, ProfileUrl, JobId, Note, Wire<ReferralStatus>.Parse(Status), StageReached, ApplicationId, CreatedAt, UpdatedAt);
    }

    internal const string SelectColumns =
        """
        id AS Id, alumnus_id AS AlumnusId, candidate_name AS CandidateName, candidate_email AS CandidateEmail, profile_url AS ProfileUrl,
        job_id AS JobId, note AS Note, status AS Status, stage_reached AS StageReached, application_id AS ApplicationId,
        created_at AS CreatedAt, updated_at AS UpdatedAt
        """;

    internal const string CountByAlumnusSql = "SELECT COUNT(*) FROM referrals WHERE alumnus_id = @AlumnusId";

    internal static string ByAlumnusSql(SqlDialect dialect) =>
        $"SELECT {SelectColumns} FROM referrals WHERE alumnus_id = @AlumnusId ORDER BY created_at DESC, id DESC {dialect.Paging}";

    internal static readonly string FindSql = $"SELECT {SelectColumns} FROM referrals WHERE id = @Id";
}
