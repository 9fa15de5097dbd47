using System.Data.Common;
using Dapper;
using TalentNet.Contracts;
using TalentNet.Storage;

namespace TalentNet.BulkImport;

/// <summary>An import as GET /api/imports/{id} shows it.</summary>
public sealed record ImportResponse(
    Guid Id, string Kind, ImportStatus Status, ImportFormat Format, long Read, long Created, long Updated, long Unchanged, long Failed,
    long Suppressed, string? Detail, IReadOnlyList<RowError> Errors, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt);

/// <summary>The imports table and its errors.</summary>
public static class ImportStore
{
    internal const string InsertSql =
        """
        INSERT INTO imports (id, kind, status, format, read_rows, created, updated, unchanged, failed, created_by, created_at)
        VALUES (@Id, @Kind, @Status, @Format, 0, 0, 0, 0, 0, @Actor, @Now)
        """;

    internal const string FindSql =
        """
        SELECT id AS Id, kind AS Kind, status AS Status, format AS Format, read_rows AS ReadRows, created AS Created, updated AS Updated,
            unchanged AS Unchanged, failed AS Failed, suppressed AS Suppressed, detail AS Detail, created_by AS CreatedBy, created_at AS CreatedAt, completed_at AS CompletedAt
        FROM imports WHERE id = @Id
        """;

    internal static string ErrorsSql(SqlDialect dialect) => dialect.Top(
        "row_number AS RowNumber, field AS Field, message AS Message FROM import_errors",
        "WHERE import_id = @Id ORDER BY row_number",
        "@Take");

    internal const string ErrorCountSql = "SELECT COUNT(*) FROM import_errors WHERE import_id = @Id";

    internal const string InsertErrorSql = "INSERT INTO import_errors (import_id, row_number, field, message) VALUES (@Id, @Row, @Field, @Message)";

    internal const string ProgressSql =
        """
        UPDATE imports SET read_rows = read_rows + @Read, created = created + @Created, updated = updated + @Updated,
            unchanged = unchanged + @Unchanged, failed = failed + @Failed, suppressed = suppressed + @Suppressed
        WHERE id = @Id
        """;

    internal const string FinishSql = "UPDATE imports SET status = @Status, detail = @Detail, completed_at = @Now WHERE id = @Id";

    internal const string RunningSql = "SELECT id FROM imports WHERE status = @Status";

    public static async Task<ImportResponse?> FindAsync(DbConnection connection, SqlDialect dialect, Guid id, int maxErrors)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(FindSql, new { Id = id });
        if (row is null)
        {
            return null;
        }

        var errors = await connection.QueryAsync<(long RowNumber, string Field, string Message)>(ErrorsSql(dialect), new { Id = id, Take = maxErrors });
        return new ImportResponse(
            row.Id, row.Kind, Wire<ImportStatus>.Parse(row.Status), Wire<ImportFormat>.Parse(row.Format), row.ReadRows, row.Created, row.Updated,
            row.Unchanged, row.Failed, row.Suppressed, row.Detail, errors.Select(error => new RowError(error.RowNumber, error.Field, error.Message)).ToList(),
            row.CreatedAt, row.CompletedAt);
    }

    internal sealed class Row
    {
        public Guid Id { get; init; }
        public string Kind { get; init; } = "";
        public string Status { get; init; } = "";
        public string Format { get; init; } = "";
        public long ReadRows { get; init; }
        public long Created { get; init; }
        public long Updated { get; init; }
        public long Unchanged { get; init; }
        public long Failed { get; init; }
        public long Suppressed { get; init; }
        public string? Detail { get; init; }
        public string CreatedBy { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? CompletedAt { get; init; }
    }
}
