using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Alumni.Features.Alumni;
using TalentNet.Audit;
using TalentNet.ServiceDefaults.OpenApi;
using TalentNet.Storage;

namespace TalentNet.Alumni.Features.AlumniPage;

/// <summary>
/// The alumni page's API: links (anonymous: ask for one, check one, open the page with one) and the
/// signed-in alumnus's own record (by the session cookie only).
/// </summary>
public static class OwnPage
{
    public static readonly ProblemHttpResult Gone =
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Your record is no longer held.");

    /// <summary>
    /// A change to the signed-in alumnus's own record, in one transaction: the change refuses (a problem)
    /// or is made, and the answer is the record as it is then.
    /// </summary>
    internal static async Task<(GetOwnRecord.Response? Record, ProblemHttpResult? Refusal)> ChangeAsync(
        Database database, HttpContext http, Func<DbSession, AlumnusResponse, Task<ProblemHttpResult?>> change, CancellationToken cancellationToken)
    {
        var id = AlumnusSession.AlumnusId(http);
        await using var session = await database.BeginAsync(cancellationToken);
        if (await Alumnus.FindAsync(session.Connection, id, session.Transaction) is not { } current)
        {
            return (null, Gone);
        }

        if (await change(session, current) is { } refusal)
        {
            return (null, refusal);
        }

        var record = await GetOwnRecord.ReadAsync(session.Connection, database.Dialect, id, session.Transaction);
        await session.CommitAsync(cancellationToken);
        return (record, null);
    }

    public static WebApplication MapAlumniPage(this WebApplication app)
    {
        var links = app.MapGroup("/api/alumni-links")
            .WithDescribedTag("Alumni links", "Personal links to the alumni page: signed, expiring, opened once; asked for by email address.");
        RequestLink.Map(links);
        CheckLink.Map(links);
        RedeemLink.Map(links);
        var page = app.MapGroup("/api/alumni-page")
            .WithDescribedTag("Alumni page", "What the signed-in alumnus sees and changes about themselves: consents, contact details, opt-out, referrals.")
            .RequireAuthorization(AlumnusSession.Policy)
            .WithSessionCookie(AlumnusSession.Documented)
            .Audited();
        GetOwnRecord.Map(page);
        ChangeOwnConsents.Map(page);
        ChangeOwnContact.Map(page);
        OptOutOwn.Map(page);
        ListReferrableJobs.Map(page);
        ReferFromPage.Map(page);
        page.MapPost("/sign-out", (HttpContext http) =>
            {
                AlumnusSession.SignOut(http);
                return TypedResults.NoContent();
            })
            .WithName("SignOutOfAlumniPage")
            .WithSummary("End the alumni page's session on this browser");
        return app;
    }
}
