using System.Buffers.Binary;
using System.Buffers.Text;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using TalentNet.Alumni.Features.Alumni;
using TalentNet.Contracts;
using TalentNet.Contracts.Alumni;
using TalentNet.Messaging;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Storage;

namespace TalentNet.Alumni.Features.AlumniPage;

/// <summary>
/// Personal links to the alumni page and the sessions they open. A link is a signed token naming a
/// link row (its purpose, its expiry); only the row is stored, so a database read gives no link
/// away. A link opens the page once: it is then used up and the page runs on a short session that
/// is signed the same way but for another purpose, so neither can stand in for the other.
/// </summary>
public sealed class AlumniLinks(AlumniOptions options)
{
    private enum TokenPurpose : byte
    {
        Link = 1,
        Session = 2,
    }

    /// <summary>Longer than any token these links sign (about 80 characters).</summary>
    public const int TokenLength = 100;

    public const string HowTheLinkSigns = "The {token} in the path is the signed personal link from the alumnus's mail (HMAC-SHA256 with Alumni:Links:SigningKey); nothing else is needed.";

    internal const string InsertSql =
        "INSERT INTO alumni_links (id, alumnus_id, purpose, issued_at, expires_at) VALUES (@Id, @AlumnusId, @Purpose, @Now, @ExpiresAt)";

    internal const string FindSql = "SELECT alumnus_id AS AlumnusId, expires_at AS ExpiresAt, used_at AS UsedAt FROM alumni_links WHERE id = @Id";

    internal const string UseSql = "UPDATE alumni_links SET used_at = @Now WHERE id = @Id AND used_at IS NULL AND expires_at > @Now";

    internal const string WelcomedSql = "SELECT COUNT(*) FROM alumni_links WHERE alumnus_id = @AlumnusId AND purpose = @Welcome";

    internal const string RecentRequestsSql =
        "SELECT COUNT(*) FROM alumni_links WHERE alumnus_id = @AlumnusId AND purpose = @Requested AND issued_at > @Since";

    private readonly byte[] _key = Encoding.UTF8.GetBytes(options.Links.SigningKey ?? "");

    /// <summary>A link row as stored.</summary>
    internal sealed class LinkRow
    {
        public Guid AlumnusId { get; init; }
        public DateTimeOffset ExpiresAt { get; init; }
        public DateTimeOffset? UsedAt { get; init; }
    }

    /// <summary>
    /// Issues the welcome link once per alumnus, when they are in the alumni network and have a personal
    /// address to write to; the mail itself is Recommendations' (it reads <see cref="AlumniLinkIssued"/>).
    /// </summary>
    public async Task WelcomeAsync(DbSession session, Outbox outbox, Guid alumnusId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        var alumnus = await Alumnus.FindAsync(session.Connection, alumnusId, session.Transaction);
        if (alumnus is not { Consents.AlumniNetwork: true, PersonalEmail: not null, Status: AlumnusStatus.Alumnus or AlumnusStatus.Returned }
            || await session.Connection.ExecuteScalarAsync<long>(WelcomedSql, new { AlumnusId = alumnusId, Welcome = AlumniLinkPurpose.Welcome.ToWire() }, session.Transaction) > 0)
        {
            return;
        }

        await IssueAsync(session, outbox, alumnus, AlumniLinkPurpose.Welcome, now);
    }

    /// <summary>A link the alumnus asked for, unless they asked too often this hour (then nothing: the answer is the same).</summary>
    public async Task RequestedAsync(DbSession session, Outbox outbox, AlumnusResponse alumnus, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(alumnus);
        var recent = await session.Connection.ExecuteScalarAsync<long>(RecentRequestsSql, new
        {
            AlumnusId = alumnus.Id, Requested = AlumniLinkPurpose.Requested.ToWire(), Since = now.AddHours(-1),
        }, session.Transaction);
        if (alumnus.PersonalEmail is not null && recent < options.Links.MaxRequestsPerHour)
        {
            await IssueAsync(session, outbox, alumnus, AlumniLinkPurpose.Requested, now);
        }
    }

    private async Task IssueAsync(DbSession session, Outbox outbox, AlumnusResponse alumnus, AlumniLinkPurpose purpose, DateTimeOffset now)
    {
        var linkId = TimeOrderedId.New(now);
        var expiresAt = now + (purpose == AlumniLinkPurpose.Welcome ? options.Links.WelcomeLifetime : options.Links.RequestedLifetime);
        await session.Connection.ExecuteAsync(InsertSql, new { Id = linkId, AlumnusId = alumnus.Id, Purpose = purpose.ToWire(), Now = now, ExpiresAt = expiresAt }, session.Transaction);
        await outbox.EnqueueAsync(session, new AlumniLinkIssued(
            TimeOrderedId.New(now), now, alumnus.Id, linkId, purpose, alumnus.PersonalEmail!, alumnus.FullName, alumnus.Language,
            Sign(TokenPurpose.Link, linkId, expiresAt), expiresAt));
    }

    /// <summary>The link row a token names, if the token is one of ours (signature and purpose); expiry and use are the caller's to judge.</summary>
    internal async Task<(Guid LinkId, LinkRow Row)?> FindAsync(DbConnection connection, string token, DbTransaction? transaction = null)
    {
        if (!TryRead(TokenPurpose.Link, token, out var linkId, out _))
        {
            return null;
        }

        var row = await connection.QuerySingleOrDefaultAsync<LinkRow>(FindSql, new { Id = linkId }, transaction);
        return row is null ? null : (linkId, row);
    }

    public string Session(Guid alumnusId, DateTimeOffset expiresAt) => Sign(TokenPurpose.Session, alumnusId, expiresAt);

    /// <summary>The alumnus a session token was signed for, while it has not expired.</summary>
    public bool TryReadSession(string token, DateTimeOffset now, out Guid alumnusId) =>
        TryRead(TokenPurpose.Session, token, out alumnusId, out var expiresAt) && expiresAt > now;

    private string Sign(TokenPurpose purpose, Guid id, DateTimeOffset expiresAt)
    {
        var payload = new byte[25];
        payload[0] = (byte)purpose;
        id.TryWriteBytes(payload.AsSpan(1, 16));
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(17), expiresAt.ToUnixTimeSeconds());
        return $"{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(HMACSHA256.HashData(_key, payload))}";
    }

    private bool TryRead(TokenPurpose purpose, string token, out Guid id, out DateTimeOffset expiresAt)
    {
        (id, expiresAt) = (Guid.Empty, default);
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        // TryDecodeFromChars only reports a short buffer; characters outside base64url would throw.
        if (token.Length > TokenLength || dot < 0 || !Base64Url.IsValid(token.AsSpan(0, dot)) || !Base64Url.IsValid(token.AsSpan(dot + 1)))
        {
            return false;
        }

        Span<byte> payload = stackalloc byte[25];
        Span<byte> signature = stackalloc byte[32];
        if (!Base64Url.TryDecodeFromChars(token.AsSpan(0, dot), payload, out var payloadLength) || payloadLength != 25
            || !Base64Url.TryDecodeFromChars(token.AsSpan(dot + 1), signature, out var signatureLength) || signatureLength != 32
            || !CryptographicOperations.FixedTimeEquals(signature, HMACSHA256.HashData(_key, payload)) || payload[0] != (byte)purpose)
        {
            return false;
        }

        id = new Guid(payload.Slice(1, 16));
        expiresAt = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(payload[17..]));
        return true;
    }
}

internal static class LinkProblems
{
    public static readonly ProblemHttpResult Used = Gone("This link has been used already. Ask for a new one on the alumni page.");

    public static ProblemHttpResult? Refusal(AlumniLinks.LinkRow? link, DateTimeOffset now) => link switch
    {
        null => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not a link to the alumni page.",
            detail: "The link is not one we sent, or it was copied incompletely."),
        { UsedAt: not null } => Used,
        _ when link.ExpiresAt <= now => Gone("This link has expired. Ask for a new one on the alumni page."),
        _ => null,
    };

    private static ProblemHttpResult Gone(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "The link can no longer be opened.", detail: detail);
}
