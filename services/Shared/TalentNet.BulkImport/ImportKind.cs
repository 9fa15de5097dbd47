using System.Text.Json.Serialization;
using TalentNet.Contracts;
using TalentNet.Storage;

namespace TalentNet.BulkImport;

/// <summary>One kind of file a service imports (applications, departures): its columns and what a row does.</summary>
public abstract class ImportKind
{
    /// <summary>The path segment and stored kind: <c>POST /api/imports/{Name}</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Columns every file must have (a file without one is refused before it is read).</summary>
    public abstract IReadOnlyList<string> RequiredColumns { get; }

    /// <summary>Columns read when present.</summary>
    public abstract IReadOnlyList<string> OptionalColumns { get; }

    /// <summary>Applies one row inside the batch's transaction; reports bad fields on the row and answers <see cref="RowOutcome.Failed"/>.</summary>
    public abstract Task<RowOutcome> ApplyAsync(DbSession session, ImportRow row, ImportContext context);

    /// <summary>
    /// Applies a batch inside one transaction and answers each row's outcome, in row order (rows
    /// the reader refused already are <see cref="RowOutcome.Failed"/>). By default row by row; a kind
    /// may look up what the whole batch needs at once.
    /// </summary>
    public virtual async Task<IReadOnlyList<RowOutcome>> ApplyBatchAsync(DbSession session, IReadOnlyList<ImportRow> rows, ImportContext context)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var outcomes = new List<RowOutcome>(rows.Count);
        foreach (var row in rows)
        {
            outcomes.Add(row.Errors.Count > 0 ? RowOutcome.Failed : await ApplyAsync(session, row, context));
        }

        return outcomes;
    }
}

/// <summary>What a row came to.</summary>
public enum RowOutcome
{
    Created,
    Updated,
    Unchanged,
    Failed,

    /// <summary>The row names a person erased at their request (the suppression list): nothing is created.</summary>
    Suppressed,
}

/// <summary>Where an import stands.</summary>
[JsonConverter(typeof(WireEnumConverter<ImportStatus>))]
public enum ImportStatus
{
    Running,
    Completed,

    /// <summary>The file could not be read to its end (its spool was lost); rows before that point are in.</summary>
    Failed,
}

/// <summary>The file formats an import takes.</summary>
[JsonConverter(typeof(WireEnumConverter<ImportFormat>))]
public enum ImportFormat
{
    Csv,
    Ndjson,
}

/// <summary>A field of a row that could not be used, and why (never the value: it may be personal data).</summary>
public sealed record RowError(long Row, string Field, string Message);

/// <summary>One row: its line in the file (the CSV header is line 1) and its fields by column name.</summary>
public sealed class ImportRow(long number, IReadOnlyDictionary<string, string?> fields)
{
    private readonly List<RowError> _errors = [];

    public long Number { get; } = number;

    public IReadOnlyList<RowError> Errors => _errors;

    /// <summary>The trimmed field, or null when the column is missing or the field empty.</summary>
    public string? this[string column] => fields.TryGetValue(column, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    public void Error(string field, string message) => _errors.Add(new RowError(Number, field, message));
}

/// <summary>What the rows of one import share: who sent the file, the current batch's time, and a cache the kind may keep (e.g. jobs by id).</summary>
public sealed class ImportContext(Guid importId, string actor, DateTimeOffset now)
{
    public Guid ImportId { get; } = importId;

    public string Actor { get; } = actor;

    /// <summary>
    /// When the current batch's transaction began: each batch is stamped with its own time, so a
    /// client polling <c>updatedSince</c> while an import runs finds the batches committed after its
    /// poll started (with one time for the whole import, it missed every later batch).
    /// </summary>
    public DateTimeOffset Now { get; internal set; } = now;

    public Dictionary<object, object?> Cache { get; } = [];
}
