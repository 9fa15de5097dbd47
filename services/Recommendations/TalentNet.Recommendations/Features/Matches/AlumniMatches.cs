using System.Globalization;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Contracts;
using TalentNet.Contracts.Recommendations;
using TalentNet.Messaging;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Recommendations.Features.Matches;

/// <summary>
/// GET /api/jobs/{jobId}/alumni-matches?limit=: alumni ranked for an open job, each with its score
/// and the reasons behind it. Only alumni who may be approached are matched.
/// </summary>
public static class AlumniMatches
{
    public const int MaxLimit = 100;

    public sealed record Match(Guid AlumnusId, string FullName, string Department, string Role, double Score, IReadOnlyList<string> Reasons);

    public sealed record Matches(Guid JobId, string JobTitle, IReadOnlyList<Match> Items);

    internal sealed class Candidate
    {
        public Guid AlumnusId { get; init; }
        public string FullName { get; init; } = "";
        public string? PersonalEmail { get; init; }
        public string WorkEmail { get; init; } = "";
        public string? LinkedInUrl { get; init; }
        public string Department { get; init; } = "";
        public string Role { get; init; } = "";
        public string RehireEligibility { get; init; } = "";
        public string? WouldReturn { get; init; }
        public string Skills { get; init; } = "[]";
        public DateOnly LastDay { get; init; }
        public int? Recommended { get; init; }
        public int? WouldRehire { get; init; }
    }

    internal sealed class OpenJob
    {
        public Guid JobId { get; init; }
        public string Title { get; init; } = "";
        public string Department { get; init; } = "";
        public string Skills { get; init; } = "[]";
    }

    internal const string JobSql =
        "SELECT job_id AS JobId, title AS Title, department AS Department, skills AS Skills FROM open_jobs WHERE job_id = @JobId AND closed_at IS NULL";

    /// <summary>Matchable alumni: consent to rehire outreach, not not-eligible, not returned or opted out.</summary>
    internal const string CandidatesSql =
        """
        SELECT a.alumnus_id AS AlumnusId, a.full_name AS FullName, a.personal_email AS PersonalEmail, a.work_email AS WorkEmail,
               a.linkedin_url AS LinkedInUrl, a.department AS Department, a.role AS Role, a.rehire_eligibility AS RehireEligibility,
               a.would_return AS WouldReturn, a.skills AS Skills, a.last_day AS LastDay,
               (SELECT MAX(CASE WHEN r.status = @Given THEN 1 ELSE 0 END) FROM recommendation_requests r WHERE r.alumnus_id = a.alumnus_id) AS Recommended,
               (SELECT MAX(CASE WHEN r.status = @Given THEN r.would_rehire ELSE 0 END) FROM recommendation_requests r WHERE r.alumnus_id = a.alumnus_id) AS WouldRehire
        FROM alumni_read a
        WHERE a.consent_rehire = 1 AND a.rehire_eligibility <> @NotEligible AND a.status = @Alumnus
        """;

    internal static readonly string CandidateSql = $"{CandidatesSql} AND a.alumnus_id = @AlumnusId";

    internal static object Matchable(Guid? alumnusId) => new
    {
        AlumnusId = alumnusId,
        Given = RecommendationStatus.Given.ToWire(),
        NotEligible = RehireEligibility.NotEligible.ToWire(),
        Alumnus = AlumnusStatus.Alumnus.ToWire(),
    };

    public static void Map(RouteGroupBuilder jobs) =>
        jobs.MapGet("/{jobId:guid}/alumni-matches", Handle)
            .WithName("RankAlumniForJob")
            .WithSummary("Alumni ranked for an open job, with score and reasons")
            .WithDescription($"Only alumni with rehireOutreach consent, not not-eligible, not returned. limit at most {MaxLimit} (default 20). Weights: Recommendations:Weights in configuration.")
            .RequireRoles(RecommendationsApi.Readers)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<Matches>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid jobId, int? limit, Database database, RecommendationsOptions options, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var validation = new Validation().Check(limit is null or >= 1 and <= MaxLimit, "limit", $"Between 1 and {MaxLimit}.");
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var job = await connection.QuerySingleOrDefaultAsync<OpenJob>(JobSql, new { JobId = jobId });
        if (job is null)
        {
            return ApiProblems.NotFound("Open job", jobId);
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var candidates = await connection.QueryAsync<Candidate>(CandidatesSql, Matchable(alumnusId: null));
        var ranked = candidates
            .Select(candidate => Score(job, candidate, options.Weights, today, http.SeesPersonnelDetails()))
            .OrderByDescending(match => match.Score).ThenBy(match => match.FullName, StringComparer.Ordinal)
            .Take(limit ?? 20)
            .ToList();
        return TypedResults.Ok(new Matches(jobId, job.Title, ranked));
    }

    /// <summary>The score and why; the exit interview's would-return answer counts for everyone but is named to HR and admins only.</summary>
    internal static Match Score(OpenJob job, Candidate alumnus, MatchWeights weights, DateOnly today, bool seesExitInterview)
    {
        var reasons = new List<string>();
        double score = 0;
        var jobSkills = JsonSerializer.Deserialize<List<string>>(job.Skills) ?? [];
        var shared = jobSkills.Intersect(JsonSerializer.Deserialize<List<string>>(alumnus.Skills) ?? [], StringComparer.OrdinalIgnoreCase).ToList();
        if (jobSkills.Count > 0 && shared.Count > 0)
        {
            score += weights.Skills * shared.Count / jobSkills.Count;
            reasons.Add($"skills: {string.Join(", ", shared)}");
        }

        if (string.Equals(job.Department, alumnus.Department, StringComparison.OrdinalIgnoreCase))
        {
            score += weights.Department;
            reasons.Add($"same department: {alumnus.Department}");
        }

        var roleWords = Words(alumnus.Role).Intersect(Words(job.Title)).ToList();
        if (roleWords.Count > 0)
        {
            score += weights.RoleFamily;
            reasons.Add($"role family: {alumnus.Role}");
        }

        if (alumnus.RehireEligibility == RehireEligibility.Eligible.ToWire())
        {
            score += weights.Eligible;
            reasons.Add("eligible for rehire");
        }
        else
        {
            score += weights.Eligible / 2;
            reasons.Add("eligible for rehire with review");
        }

        if (alumnus.Recommended == 1)
        {
            score += weights.Recommended;
            reasons.Add("manager recommendation given");
        }

        if (alumnus.WouldRehire == 1)
        {
            score += weights.WouldRehire;
            reasons.Add("manager would rehire");
        }

        if (alumnus.WouldReturn is { } answer && Wire<ReturnIntent>.Parse(answer) is ReturnIntent.Yes or ReturnIntent.Maybe)
        {
            score += answer == ReturnIntent.Yes.ToWire() ? weights.WouldReturn : weights.WouldReturn / 2;
            if (seesExitInterview)
            {
                reasons.Add($"said they would return: {alumnus.WouldReturn}");
            }
        }

        var monthsAway = Math.Max(0, ((today.Year - alumnus.LastDay.Year) * 12) + today.Month - alumnus.LastDay.Month);
        if (monthsAway < weights.RecentMonths)
        {
            score += weights.Recent * (1 - ((double)monthsAway / weights.RecentMonths));
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"left {monthsAway} months ago"));
        }

        return new Match(alumnus.AlumnusId, alumnus.FullName, alumnus.Department, alumnus.Role, Math.Round(score, 4), reasons);
    }

    private static IEnumerable<string> Words(string text) =>
        text.ToLowerInvariant().Split([' ', '-', '/', ','], StringSplitOptions.RemoveEmptyEntries).Where(word => word.Length > 2);

}
