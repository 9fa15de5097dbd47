namespace TalentNet.ServiceDefaults;

/// <summary>Helpers the statistics endpoints share: date windows and medians.</summary>
public static class Reporting
{
    /// <summary>Midnight UTC at the start of a date.</summary>
    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>An inclusive date window as instants: [start of from, start of the day after to).</summary>
    public static (DateTimeOffset? From, DateTimeOffset? To) Instants(DateOnly? from, DateOnly? to) =>
        (from is { } start ? StartOf(start) : null, to is { } end ? StartOf(end.AddDays(1)) : null);

    /// <summary>The median of already sorted values, rounded; null when there are none.</summary>
    public static double? Median(IReadOnlyList<double> sorted, int digits = 2)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            return null;
        }

        var middle = sorted.Count / 2;
        return Math.Round(sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2, digits);
    }
}

/// <summary>A share: <see cref="Count"/> of <see cref="Of"/>, rounded to four decimals; null when there is nothing to divide by.</summary>
public sealed record Rate(long Count, long Of, double? Share)
{
    public static Rate From(long count, long of) => new(count, of, of == 0 ? null : Math.Round((double)count / of, 4));
}
