using TalentNet.Storage;

namespace TalentNet.Platform.Tests;

/// <summary>
/// Ids stored as text (SQLite) must sort in the order they were made for one time, so that an import,
/// which stamps every row with the same time, appends to each index on them instead of writing all over.
/// </summary>
public sealed class TimeOrderedIdTests
{
    private static readonly DateTimeOffset ImportTime = new(2026, 12, 8, 9, 30, 0, 123, TimeSpan.Zero);

    [Fact]
    public void Ids_made_for_one_time_sort_in_the_order_they_were_made_as_text()
    {
        var ids = Enumerable.Range(0, 10_000).Select(_ => TimeOrderedId.New(ImportTime).ToString("D")).ToList();

        Assert.Equal(ids, ids.Order(StringComparer.Ordinal));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void An_id_is_a_version_7_id_that_carries_its_time()
    {
        var id = TimeOrderedId.New(ImportTime);

        Assert.Equal(7, id.Version);
        Assert.Equal(0b10, id.Variant >> 2);
        Assert.Equal(ImportTime.ToUnixTimeMilliseconds().ToString("x12", System.Globalization.CultureInfo.InvariantCulture), id.ToString("N")[..12]);
    }

    [Fact]
    public async Task An_import_keeps_its_order_while_live_requests_make_ids_for_a_new_millisecond_each()
    {
        var live = ImportTime.AddSeconds(5);
        var imported = new List<string>();
        var requests = new List<string>();
        for (var i = 0; i < 2_000; i++)
        {
            imported.Add(TimeOrderedId.New(ImportTime).ToString());
            requests.Add(TimeOrderedId.New(live.AddMilliseconds(i / 3)).ToString());
        }

        Assert.Equal(imported, imported.Order(StringComparer.Ordinal));
        Assert.Equal(requests, requests.Order(StringComparer.Ordinal));

        // Many threads at once: every id distinct.
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            Enumerable.Range(0, 5_000).Select(_ => TimeOrderedId.New(ImportTime)).ToList())));
        Assert.Equal(40_000, concurrent.SelectMany(ids => ids).Distinct().Count());
    }
}
