namespace TalentNet.Storage;

/// <summary>
/// Builds a WHERE clause from the filters a request actually uses, so that the database can pick
/// the index for them ("@X IS NULL OR col = @X" hides every index from SQLite's planner).
/// </summary>
public static class SqlFilter
{
    public static string Where(params (bool Active, string Predicate)[] conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        var active = conditions.Where(condition => condition.Active).Select(condition => condition.Predicate).ToList();
        return active.Count == 0 ? "1 = 1" : string.Join(" AND ", active);
    }
}
