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

    public static (int Page, int PageSize, int Skip) Normalize(int? page, int? pageSize, Validation validation)
    {
        ArgumentNullException.ThrowIfNull(validation);
        var number = page ?? 1;
        var size = pageSize ?? DefaultPageSize;
        validation.Check(number >= 1, "page", "Pages start at 1.");
        validation.Check(size is >= 1 and <= MaxPageSize, "pageSize", $"Between 1 and {MaxPageSize}.");
        number = Math.Max(1, number);
        size = Math.Clamp(size, 1, MaxPageSize);
        return (number, size, (number - 1) * size);
    }
}
