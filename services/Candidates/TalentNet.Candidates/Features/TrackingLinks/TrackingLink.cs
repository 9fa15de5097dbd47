using TalentNet.Contracts;

namespace TalentNet.Candidates.Features.TrackingLinks;

/// <summary>
/// A short token per shared post, so that an application made through it is attributed to its
/// channel, campaign and sharer: what a link is and how it is stored.
/// </summary>
public static class TrackingLink
{
    /// <summary>The most characters a token holds (its column's width).</summary>
    public const int TokenLength = 20;

    public sealed record Response(string Token, Guid JobId, Channel Channel, string? Campaign, string? SharedBy, string CreatedBy, DateTimeOffset CreatedAt);

    internal sealed class Row
    {
        public string Token { get; init; } = "";
        public Guid JobId { get; init; }
        public string Channel { get; init; } = "";
        public string? Campaign { get; init; }
        public string? SharedBy { get; init; }
        public string CreatedBy { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }

        public Response ToResponse() => new(Token, JobId, Wire<Channel>.Parse(Channel), Campaign, SharedBy, CreatedBy, CreatedAt);
    }

    internal const string FindSql =
        """
        SELECT token AS Token, job_id AS JobId, channel AS Channel, campaign AS Campaign, shared_by AS SharedBy,
               created_by AS CreatedBy, created_at AS CreatedAt
        FROM tracking_links WHERE token = @Token
        """;
}
