using System.ComponentModel.DataAnnotations;
using System.Data.Common;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using TalentNet.Contracts;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Problems;

namespace TalentNet.Candidates.Features.Jobs;

/// <summary>A stage of a job's pipeline: a stable key and the name recruiters see.</summary>
public sealed record PipelineStage([property: MaxLength(Lengths.Stage)] string Key, [property: MaxLength(Lengths.Stage)] string Name);

/// <summary>A job as the API returns it.</summary>
public sealed record JobResponse(
    Guid Id,
    string Title,
    string Department,
    string? Location,
    IReadOnlyList<string> Skills,
    string HiringManagerEmail,
    string? PostingUrl,
    JobStatus Status,
    IReadOnlyList<PipelineStage> Pipeline,
    IReadOnlyList<string> TerminalStages,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ClosedAt,
    int Version);

/// <summary>The body of POST /api/jobs and PUT /api/jobs/{id}: what a recruiter sets on a job.</summary>
public sealed record JobFields(
    [property: MaxLength(Lengths.Name)] string? Title,
    [property: MaxLength(Lengths.Department)] string? Department,
    [property: MaxLength(Job.MaxLocationLength)] string? Location,
    [property: MaxLength(Job.MaxSkills), EachMaxLength(Lengths.Tag)] IReadOnlyList<string>? Skills,
    [property: MaxLength(Lengths.Email)] string? HiringManagerEmail,
    [property: MaxLength(Job.MaxStages)] IReadOnlyList<PipelineStage>? Pipeline,
    [property: MaxLength(Lengths.Url)] string? PostingUrl = null);

public static partial class Job
{
    public const string HiredStage = "hired";

    public const int MaxLocationLength = 100;

    public const int MaxSkills = 50;

    public const int MaxStages = 20;

    public const string RejectedStage = "rejected";

    public static readonly IReadOnlyList<string> TerminalStages = [RejectedStage, "withdrawn"];

    public static readonly IReadOnlyList<PipelineStage> DefaultPipeline =
    [
        new("sourced", "Sourced"),
        new("contacted", "Contacted"),
        new("screening", "Screening"),
        new("interview", "Interview"),
        new("offer", "Offer"),
        new(HiredStage, "Hired"),
    ];

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    internal const string SelectColumns =
        """
        id AS Id, title AS Title, department AS Department, location AS Location, skills AS Skills,
        hiring_manager_email AS HiringManagerEmail, posting_url AS PostingUrl, status AS Status, pipeline AS Pipeline,
        created_at AS CreatedAt, updated_at AS UpdatedAt, closed_at AS ClosedAt, version AS Version
        """;

    internal static readonly string FindSql = $"SELECT {SelectColumns} FROM jobs WHERE id = @Id";

    public static void Validate(JobFields fields, Validation validation)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(validation);
        validation.Maxima(fields)
            .Required("title", fields.Title)
            .Required("department", fields.Department)
            .Email("hiringManagerEmail", fields.HiringManagerEmail)
            .Url("postingUrl", fields.PostingUrl);
        var skills = fields.Skills ?? [];
        validation.Check(skills.Take(MaxSkills).All(skill => !string.IsNullOrWhiteSpace(skill)), "skills", "A skill is not blank.");
        if (fields.Pipeline is { } pipeline)
        {
            validation.Check(pipeline.Count >= 2, "pipeline", $"Between 2 and {MaxStages} stages.");
            validation.Check(pipeline.All(stage => stage is not null && StageKey().IsMatch(stage.Key ?? "")), "pipeline", "Stage keys are lower-case words joined by '-'.");
            validation.Check(pipeline.All(stage => stage is not null && !string.IsNullOrWhiteSpace(stage.Name)), "pipeline", "Every stage has a name.");
            validation.Check(pipeline.Where(stage => stage is not null).Select(stage => stage.Key).Distinct().Count() == pipeline.Count, "pipeline", "Stage keys are unique.");
            validation.Check(pipeline.Count > 0 && pipeline[^1]?.Key == HiredStage, "pipeline", $"The last stage is '{HiredStage}'.");
            validation.Check(!pipeline.Any(stage => stage is not null && TerminalStages.Contains(stage.Key)), "pipeline", $"'{string.Join("', '", TerminalStages)}' are always available and not listed.");
        }
    }

    public static IReadOnlyList<string> NormalizeSkills(IReadOnlyList<string>? skills) =>
        (skills ?? []).Select(skill => skill.Trim().ToLowerInvariant()).Distinct().ToList();

    public static async Task<JobResponse?> FindAsync(DbConnection connection, Guid id, DbTransaction? transaction = null)
    {
        var row = await connection.QuerySingleOrDefaultAsync<JobRow>(FindSql, new { Id = id }, transaction);
        return row?.ToResponse();
    }


    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex StageKey();
}

/// <summary>A jobs row as stored; lists are JSON text.</summary>
internal sealed class JobRow
{
    public Guid Id { get; init; }
    public string Title { get; init; } = "";
    public string Department { get; init; } = "";
    public string? Location { get; init; }
    public string Skills { get; init; } = "[]";
    public string HiringManagerEmail { get; init; } = "";
    public string? PostingUrl { get; init; }
    public string Status { get; init; } = "";
    public string Pipeline { get; init; } = "[]";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public int Version { get; init; }

    public JobResponse ToResponse() => new(
        Id, Title, Department, Location,
        JsonSerializer.Deserialize<List<string>>(Skills, Job.Json) ?? [],
        HiringManagerEmail, PostingUrl, Wire<JobStatus>.Parse(Status),
        JsonSerializer.Deserialize<List<PipelineStage>>(Pipeline, Job.Json) ?? [],
        Job.TerminalStages, CreatedAt, UpdatedAt, ClosedAt, Version);
}
