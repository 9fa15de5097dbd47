using Dapper;
using TalentNet.Audit.Retention;
using TalentNet.Contracts;
using TalentNet.Messaging;
using TalentNet.Storage;

namespace TalentNet.Alumni.Features.Privacy;

/// <summary>
/// An alumnus who opted out is erased <c>Alumni:Retention:OptedOutAlumni</c> (30 days) after opting out,
/// in every service, by the same erasure request HR can make (asked by "retention"); an alumnus under a
/// legal hold is kept until HR lifts it.
/// </summary>
public sealed class OptedOutAlumniRule(Database database, Outbox outbox, AlumniOptions options) : IRetentionRule
{
    public const string RuleName = "opted-out-alumni";

    internal const string DueSql =
        """
        SELECT a.employee_id FROM alumni a
        WHERE a.status = @OptedOut AND a.erased_at IS NULL AND a.legal_hold = 0
          AND (SELECT MAX(t.occurred_at) FROM timeline t WHERE t.alumnus_id = a.id AND t.kind = @Kind) < @Before
        """;

    public string Name => RuleName;

    public string What => "Alumni who opted out, erased in every service, counted from the opt-out (a legal hold keeps them)";

    public TimeSpan KeptFor => options.Retention.OptedOutAlumni;

    public async Task<int> ApplyAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var session = await database.BeginAsync(cancellationToken);
        var due = (await session.Connection.QueryAsync<string>(
            DueSql, new { OptedOut = AlumnusStatus.OptedOut.ToWire(), Kind = Features.Alumni.OptOut.TimelineKind, Before = now - KeptFor }, session.Transaction)).ToList();
        foreach (var employeeId in due)
        {
            await RequestErasure.StartAsync(session, outbox, options.EmployeeIdSystems, RequestedBy, email: null, employeeId, now);
        }

        await session.CommitAsync(cancellationToken);
        return due.Count;
    }

    /// <summary>Who asked, as the request records it.</summary>
    public const string RequestedBy = "retention";
}
