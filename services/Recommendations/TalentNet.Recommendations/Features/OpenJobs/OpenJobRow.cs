using System.Text.Json;
using TalentNet.Storage;

namespace TalentNet.Recommendations.Features.OpenJobs;

/// <summary>A row of the open-jobs read model, as an opening or an edit of the job writes it.</summary>
internal static class OpenJobRow
{
    /// <summary>Inserts the job unless it is there already (whichever of opening and edit came first wrote it).</summary>
    public static string InsertSql(SqlDialect dialect) =>
        dialect.InsertIfAbsent(
            "open_jobs",
            "job_id, title, department, location, skills, hiring_manager_email, opened_at, changed_at",
            "@JobId, @Title, @Department, @Location, @Skills, @HiringManagerEmail, @OccurredAt, @ChangedAt",
            "job_id = @JobId");

    /// <summary>The parameters of both statements; <paramref name="edited"/> says whether the job was edited (newest edit wins).</summary>
    public static object Parameters(
        Guid jobId, string title, string department, string? location, IReadOnlyList<string> skills, string hiringManagerEmail,
        DateTimeOffset occurredAt, bool edited) => new
        {
            JobId = jobId,
            Title = title,
            Department = department,
            Location = location,
            Skills = JsonSerializer.Serialize(skills),
            HiringManagerEmail = hiringManagerEmail,
            OccurredAt = occurredAt,
            ChangedAt = edited ? occurredAt : (DateTimeOffset?)null,
        };
}
