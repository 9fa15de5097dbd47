namespace TalentNet.ServiceDefaults.Problems;

/// <summary>
/// The lengths that recur across services, in characters. Request records declare them with
/// <c>[MaxLength]</c>; the SQL Server columns that hold the values are at least this wide.
/// </summary>
public static class Lengths
{
    /// <summary>A person's name, a job title, a role.</summary>
    public const int Name = 200;

    /// <summary>RFC 5321's longest forward path.</summary>
    public const int Email = 254;

    public const int Url = 2000;

    public const int Phone = 50;

    public const int Tag = 50;

    /// <summary>An ATS or HRIS name (greenhouse, workday …).</summary>
    public const int System = 50;

    /// <summary>An id in another system, an employee id.</summary>
    public const int ExternalId = 100;

    public const int Department = 100;

    public const int Campaign = 100;

    /// <summary>A stage key or name of a pipeline.</summary>
    public const int Stage = 50;

    /// <summary>A short reason: a stage move's, a rejection's, a decline's.</summary>
    public const int Reason = 500;

    /// <summary>Free text: a note, an exit interview, a recommendation.</summary>
    public const int Text = 2000;

    /// <summary>An HTTP entity tag a client echoes in If-Match.</summary>
    public const int ETag = 100;

    /// <summary>A year and month, <c>yyyy-MM</c>.</summary>
    public const int Month = 7;

    /// <summary>An opaque paging cursor or a token in a link.</summary>
    public const int Token = 200;

    /// <summary>Who acted, as histories and the audit log record them: from the caller's token, so cut to fit, never refused.</summary>
    public const int Actor = 200;

    /// <summary>The value, cut to at most <paramref name="max"/> characters.</summary>
    public static string Fit(string value, int max) => value.Length <= max ? value : value[..max];
}
