using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Alumni.Features.Alumni;
using TalentNet.Alumni.Features.Referrals;
using TalentNet.Messaging;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Alumni.Features.AlumniPage;

/// <summary>
/// POST /api/alumni-page/referrals: the alumnus refers someone for one of the open jobs, as HR can
/// record it for them (same consent rule, same event to Candidates).
/// </summary>
public static class ReferFromPage
{
    internal const string OpenJobSql = "SELECT COUNT(*) FROM referrable_jobs WHERE job_id = @JobId AND closed_at IS NULL";

    public static void Map(RouteGroupBuilder page) =>
        page.MapPost("/referrals", Handle)
            .WithName("ReferFromAlumniPage")
            .WithSummary("Refer someone for an open job")
            .WithDescription("jobId must be one of GET /api/alumni-page/open-jobs (422 otherwise). Needs the referralAsk or alumniNetwork consent (422 otherwise).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Created<GetOwnRecord.Response>, ValidationProblem, ProblemHttpResult>> Handle(
        ReferCandidate.Request request, Database database, Outbox outbox, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var validation = ReferCandidate.Validate(request).Required("jobId", request.JobId);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var (record, refusal) = await OwnPage.ChangeAsync(database, http, async (session, alumnus) =>
        {
            if (await session.Connection.ExecuteScalarAsync<long>(OpenJobSql, new { request.JobId }, session.Transaction) == 0)
            {
                return ApiProblems.InvalidTransition("The job is not open (any more); choose one of the open jobs.");
            }

            if (!ReferCandidate.MayRefer(alumnus))
            {
                return ApiProblems.InvalidTransition("Referring someone needs your consent to referral asks or the alumni network; you can give it on this page.");
            }

            await ReferCandidate.RecordAsync(session, outbox, alumnus, request, clock.GetUtcNow());
            return null;
        }, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        return TypedResults.Created("/api/alumni-page", record!);
    }
}
