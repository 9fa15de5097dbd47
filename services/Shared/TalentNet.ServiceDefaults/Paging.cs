using TalentNet.ServiceDefaults.Problems;

namespace TalentNet.ServiceDefaults;

/// <summary>A page of a list: <c>{ items, page, pageSize, total }</c>.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);

/// <summary>Page-number paging shared by list endpoints; pages start at 1.</summary>
public static class Paging
{
    public const int DefaultPageSize = 25;

    /// <summary>The documented maximum page size of every list endpoint.</summary>
    public const int MaxPageSize = 100;

    /// <summary>
    /// The deepest page: an offset is read and thrown away row by row, so a page far beyond any real
    /// list would only cost the database (and overflow the offset). Narrow the list with its filters.
    /// </summary>
    public const int MaxPage = 10_000;

    /// <summary>How to poll with <c>updatedSince</c> without missing a change, in every list's description.</summary>
    public const string UpdatedSinceAdvice =
        "a change is stamped when its transaction begins and is seen once it commits, an import's a batch at a time: "
        + "poll from a minute before your previous poll started and skip the versions you already have";

    public static (int Page, int PageSize, int Skip) Normalize(int? page, int? pageSize, Validation validation)
    {
        ArgumentNullException.ThrowIfNull(validation);
        var number = page ?? 1;
        var size = pageSize ?? DefaultPageSize;
        validation.Check(number is >= 1 and <= MaxPage, "page", $"Between 1 and {MaxPage}; narrow the list with its filters to go deeper.");
        validation.Check(size is >= 1 and <= MaxPageSize, "pageSize", $"Between 1 and {MaxPageSize}.");
        number = Math.Clamp(number, 1, MaxPage);
        size = Math.Clamp(size, 1, MaxPageSize);
        return (number, size, (number - 1) * size);
    }
}

/// <summary>A page of a keyset-paged list: <c>{ items, nextCursor }</c>; no cursor means no more items.</summary>
public sealed record CursorPage<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>
/// Keyset paging for long lists, newest first: the cursor names the last item returned (its
/// creation instant and id), so a page costs the same however deep it is and needs no count.
/// </summary>
public static class Cursor
{
    /// <summary>Far more than an encoded cursor needs (about 70 characters).</summary>
    public const int MaxLength = 100;

    public static string Encode(DateTimeOffset createdAt, Guid id) =>
        Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{createdAt.UtcTicks}:{id:N}")))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryDecode(string? cursor, out DateTimeOffset createdAt, out Guid id)
    {
        createdAt = default;
        id = default;
        if (string.IsNullOrEmpty(cursor) || cursor.Length > MaxLength)
        {
            return false;
        }

        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            var parts = System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(padded)).Split(':');
            if (parts.Length == 2
                && long.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ticks)
                && ticks is > 0 and < 3155378975999999999
                && Guid.TryParseExact(parts[1], "N", out id))
            {
                createdAt = new DateTimeOffset(ticks, TimeSpan.Zero);
                return true;
            }
        }
        catch (FormatException)
        {
        }

        return false;
    }
}
