using System.Globalization;
using TalentNet.ServiceDefaults.Problems;

namespace TalentNet.ServiceDefaults;

/// <summary>
/// The period a dashboard covers: whole months, <c>from</c> and <c>to</c> inclusive as
/// <c>YYYY-MM</c>, by default the twelve months up to the current one, at most
/// <see cref="MaxMonths"/> long.
/// </summary>
public sealed record MonthWindow(DateOnly First, DateOnly Last)
{
    public const int MaxMonths = 36;
    public const int DefaultMonths = 12;
    private const string Format = "yyyy-MM";

    public string From => First.ToString(Format, CultureInfo.InvariantCulture);

    public string To => Last.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>Every month of the window, oldest first, as <c>YYYY-MM</c>.</summary>
    public IReadOnlyList<string> Months
    {
        get
        {
            var months = new List<string>();
            for (var month = First; month <= Last; month = month.AddMonths(1))
            {
                months.Add(month.ToString(Format, CultureInfo.InvariantCulture));
            }

            return months;
        }
    }

    /// <summary>The window the query asks for, or null with the reasons added to <paramref name="validation"/>.</summary>
    public static MonthWindow? Parse(string? from, string? to, DateTimeOffset now, Validation validation)
    {
        ArgumentNullException.ThrowIfNull(validation);
        var current = new DateOnly(now.UtcDateTime.Year, now.UtcDateTime.Month, 1);
        var last = ParseMonth(to, "to", validation) ?? current;
        var first = ParseMonth(from, "from", validation) ?? last.AddMonths(1 - DefaultMonths);
        if (!validation.IsValid)
        {
            return null;
        }

        var months = ((last.Year - first.Year) * 12) + last.Month - first.Month + 1;
        validation
            .Check(months >= 1, "to", "Must not be before from.")
            .Check(months <= MaxMonths, "to", $"The window may span at most {MaxMonths} months.");
        return validation.IsValid ? new MonthWindow(first, last) : null;
    }

    private static DateOnly? ParseMonth(string? value, string field, Validation validation)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            return month;
        }

        validation.Add(field, "A month as YYYY-MM.");
        return null;
    }
}

/// <summary>What every dashboard section is asked for: a month window and, optionally, one department.</summary>
public sealed record DashboardFilter(MonthWindow Window, string? Department)
{
    /// <summary>The filter the query asks for, or null with the reasons added to <paramref name="validation"/>.</summary>
    public static DashboardFilter? Parse(string? from, string? to, string? department, DateTimeOffset now, Validation validation)
    {
        ArgumentNullException.ThrowIfNull(validation);
        validation.MaxLength("department", department, Lengths.Department);
        var window = MonthWindow.Parse(from, to, now, validation);
        return window is null || !validation.IsValid
            ? null
            : new DashboardFilter(window, string.IsNullOrWhiteSpace(department) ? null : department.Trim());
    }
}
