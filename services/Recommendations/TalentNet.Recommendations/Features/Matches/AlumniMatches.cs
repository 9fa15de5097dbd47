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
        public int? Recommended { get; init; }
        public int? WouldRehire { get; init; }
        public string SkillTerms { get; init; } = "||";
        public string RoleTerms { get; init; } = "||";
        public int LastMonth { get; init; }
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
               a.would_return AS WouldReturn, a.skill_terms AS SkillTerms, a.role_terms AS RoleTerms, a.last_month AS LastMonth,
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
        var candidates = await connection.QueryAsync<Candidate>(
            RankingSql(database.Dialect), RankingParameters(job, options.Weights, today, limit ?? 20));
        var ranked = candidates
            .Select(candidate => Score(job, candidate, options.Weights, today, http.SeesPersonnelDetails()))
            .OrderByDescending(match => match.Score).ThenBy(match => match.FullName, StringComparer.Ordinal)
            .ToList();
        return TypedResults.Ok(new Matches(jobId, job.Title, ranked));
    }

    /// <summary>
    /// The matchable alumni scored in SQL by the same terms and weights as <see cref="Score"/>, best
    /// first, only the top @Take read: however many alumni there are, one page of rows leaves the
    /// database. The job's skills and title words travel as JSON arrays of needles.
    /// </summary>
    internal static string RankingSql(SqlDialect dialect)
    {
        var score =
            $"""
            (@PerSharedSkill * (SELECT COUNT(*) FROM {dialect.JsonValues("@SkillNeedles")} j WHERE {dialect.Holds("a.skill_terms", "j.value")})
             + CASE WHEN LOWER(a.department) = @Department THEN @DepartmentWeight ELSE 0 END
             + CASE WHEN EXISTS (SELECT 1 FROM {dialect.JsonValues("@WordNeedles")} j WHERE {dialect.Holds("a.role_terms", "j.value")}) THEN @RoleFamily ELSE 0 END
             + CASE WHEN a.rehire_eligibility = @Eligibility THEN @Eligible ELSE @HalfEligible END
             + CASE WHEN EXISTS (SELECT 1 FROM recommendation_requests r WHERE r.alumnus_id = a.alumnus_id AND r.status = @Given) THEN @Recommended ELSE 0 END
             + CASE WHEN EXISTS (SELECT 1 FROM recommendation_requests r WHERE r.alumnus_id = a.alumnus_id AND r.status = @Given AND r.would_rehire = 1) THEN @WouldRehire ELSE 0 END
             + CASE WHEN a.would_return = @Yes THEN @WouldReturn WHEN a.would_return = @Maybe THEN @HalfWouldReturn ELSE 0 END
             + CASE WHEN @ThisMonth - a.last_month <= 0 THEN @Recent
                    WHEN @ThisMonth - a.last_month < @RecentMonths THEN @Recent * (1 - ((@ThisMonth - a.last_month) / @RecentMonths))
                    ELSE 0 END)
            """;
        var scored = CandidatesSql.Replace("FROM alumni_read a", $", {score} AS Score, a.full_name AS SortName\nFROM alumni_read a", StringComparison.Ordinal);
        return dialect.Top($"* FROM ({scored}) ranked", "ORDER BY ROUND(Score, 4) DESC, SortName", "@Take");
    }

    internal static DynamicParameters RankingParameters(OpenJob job, MatchWeights weights, DateOnly today, int take)
    {
        var jobSkills = JsonSerializer.Deserialize<List<string>>(job.Skills) ?? [];
        var parameters = new DynamicParameters(Matchable(alumnusId: null));
        parameters.AddDynamicParams(new
        {
            SkillNeedles = JsonSerializer.Serialize(jobSkills.Select(MatchTerms.Term).Distinct(StringComparer.Ordinal).Select(MatchTerms.Needle)),
            WordNeedles = JsonSerializer.Serialize(MatchTerms.Words(job.Title).Select(MatchTerms.Needle)),
            PerSharedSkill = jobSkills.Count == 0 ? 0 : weights.Skills / jobSkills.Count,
            Department = job.Department.ToLowerInvariant(),
            DepartmentWeight = weights.Department,
            weights.RoleFamily,
            weights.Eligible,
            HalfEligible = weights.Eligible / 2,
            Eligibility = RehireEligibility.Eligible.ToWire(),
            weights.Recommended,
            weights.WouldRehire,
            weights.WouldReturn,
            HalfWouldReturn = weights.WouldReturn / 2,
            Yes = ReturnIntent.Yes.ToWire(),
            Maybe = ReturnIntent.Maybe.ToWire(),
            weights.Recent,
            RecentMonths = (double)weights.RecentMonths,
            ThisMonth = MatchTerms.Month(today),
            Take = take,
        });
        return parameters;
    }

    /// <summary>The score and why (the ranking SQL adds the same terms; the score returned is this one); the exit interview's would-return answer counts for everyone but is named to HR and admins only.</summary>
    internal static Match Score(OpenJob job, Candidate alumnus, MatchWeights weights, DateOnly today, bool seesExitInterview)
    {
        var reasons = new List<string>();
        double score = 0;
        var jobSkills = JsonSerializer.Deserialize<List<string>>(job.Skills) ?? [];
        var shared = jobSkills.DistinctBy(MatchTerms.Term).Where(skill => MatchTerms.Holds(alumnus.SkillTerms, MatchTerms.Term(skill))).ToList();
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

        if (MatchTerms.Words(job.Title).Any(word => MatchTerms.Holds(alumnus.RoleTerms, word)))
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

        var monthsAway = Math.Max(0, MatchTerms.Month(today) - alumnus.LastMonth);
        if (monthsAway < weights.RecentMonths)
        {
            score += weights.Recent * (1 - ((double)monthsAway / weights.RecentMonths));
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"left {monthsAway} months ago"));
        }

        return new Match(alumnus.AlumnusId, alumnus.FullName, alumnus.Department, alumnus.Role, Math.Round(score, 4), reasons);
    }


}
