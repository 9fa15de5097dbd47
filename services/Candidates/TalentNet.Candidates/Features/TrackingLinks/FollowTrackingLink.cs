using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using TalentNet.Contracts;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Candidates.Features.TrackingLinks;

/// <summary>The key of the day's visitor hashes; from Candidates:VisitorSalt, or made once per process.</summary>
public sealed class VisitorKey(IOptions<CandidatesOptions> options)
{
    private readonly byte[] _key = options.Value.VisitorSalt is { Length: > 0 } salt ? Encoding.UTF8.GetBytes(salt) : RandomNumberGenerator.GetBytes(32);

    /// <summary>Who clicked, as far as "once a day" needs: never the address itself.</summary>
    public string Hash(string day, string? address, string? userAgent) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{day}\n{address}\n{userAgent}")))[..32];
}

/// <summary>
/// GET /r/{token} (anonymous): the link a social post carries. Counts the click (and the day's
/// unique visitor) and redirects to the job's public posting with utm_source, utm_medium and
/// utm_campaign added; a closed job leads to the careers page.
/// </summary>
public static class FollowTrackingLink
{
    internal const string TargetSql =
        """
        SELECT l.channel AS Channel, l.campaign AS Campaign, j.status AS Status, j.posting_url AS PostingUrl
        FROM tracking_links l JOIN jobs j ON j.id = l.job_id WHERE l.token = @Token
        """;

    internal const string SeenSql = "SELECT COUNT(*) FROM tracking_link_visitors WHERE token = @Token AND day = @Day AND visitor = @Visitor";

    internal const string VisitorSql = "INSERT INTO tracking_link_visitors (token, day, visitor) VALUES (@Token, @Day, @Visitor)";

    internal const string CountSql = "UPDATE tracking_link_days SET clicks = clicks + 1, visitors = visitors + @NewVisitor WHERE token = @Token AND day = @Day";

    internal const string FirstCountSql = "INSERT INTO tracking_link_days (token, day, clicks, visitors) VALUES (@Token, @Day, 1, @NewVisitor)";

    // Yesterday's hashes are kept for clicks around midnight in other time zones; older ones identify nobody and are deleted.
    internal const string ForgetSql = "DELETE FROM tracking_link_visitors WHERE day < @Before";

    private static readonly Channel[] Social = [Channel.LinkedIn, Channel.Facebook, Channel.X, Channel.YouTube, Channel.Instagram];

    public static void Map(WebApplication app) =>
        app.MapGet("/r/{token}", Handle).AllowAnonymous().ExcludeFromDescription();

    public static async Task<IResult> Handle(
        string token, Database database, IOptions<CandidatesOptions> options, VisitorKey visitors, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        Target? target = null;
        if (token.Length <= TrackingLink.TokenLength)
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            target = await connection.QuerySingleOrDefaultAsync<Target>(TargetSql, new { Token = token });
        }

        if (target is null)
        {
            return ApiProblems.NotFound("Tracking link", token);
        }

        var open = target.Status == JobStatus.Open.ToWire() && target.PostingUrl is not null;
        var page = open ? target.PostingUrl : options.Value.CareersUrl?.ToString() ?? target.PostingUrl;
        if (page is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "The job has no public page.", detail: "Set the job's postingUrl, or Candidates:CareersUrl.");
        }

        await CountAsync(database, token, visitors, clock, http, cancellationToken);
        var channel = Wire<Channel>.Parse(target.Channel);
        var destination = QueryHelpers.AddQueryString(page, new Dictionary<string, string?>
        {
            ["utm_source"] = channel.ToWire(),
            ["utm_medium"] = Social.Contains(channel) ? "social" : channel.ToWire(),
            ["utm_campaign"] = target.Campaign ?? token,
        });
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Redirect(destination);
    }

    private static async Task CountAsync(Database database, string token, VisitorKey visitors, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var day = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var key = new { Token = token, Day = day, Visitor = visitors.Hash(day, http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString()) };
        await using var session = await database.BeginAsync(cancellationToken);
        var isNew = await session.Connection.ExecuteScalarAsync<long>(SeenSql, key, session.Transaction) == 0;
        if (isNew)
        {
            await session.Connection.ExecuteAsync(VisitorSql, key, session.Transaction);
        }

        var count = new { key.Token, key.Day, NewVisitor = isNew ? 1 : 0 };
        if (await session.Connection.ExecuteAsync(CountSql, count, session.Transaction) == 0)
        {
            await session.Connection.ExecuteAsync(FirstCountSql, count, session.Transaction);
            await session.Connection.ExecuteAsync(ForgetSql, new { Before = today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }, session.Transaction);
        }

        await session.CommitAsync(cancellationToken);
    }

    private sealed class Target
    {
        public string Channel { get; init; } = "";
        public string? Campaign { get; init; }
        public string Status { get; init; } = "";
        public string? PostingUrl { get; init; }
    }
}
