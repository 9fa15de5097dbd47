namespace TalentNet.Audit.Retention;

/// <summary>
/// One retention rule of a service: what it removes, how long it is kept, and one run of it at a
/// moment. The service's <see cref="RetentionSweep"/> runs every rule once a day and records the runs
/// in <c>retention_runs</c> (the audit module's migrations create it).
/// </summary>
public interface IRetentionRule
{
    /// <summary>The rule's name on the wire (<c>GET /api/privacy/retention</c>).</summary>
    string Name { get; }

    /// <summary>What goes, in words HR reads.</summary>
    string What { get; }

    /// <summary>How long what it removes is kept.</summary>
    TimeSpan KeptFor { get; }

    /// <summary>Removes what is past its time at <paramref name="now"/>; says how many records changed.</summary>
    Task<int> ApplyAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
