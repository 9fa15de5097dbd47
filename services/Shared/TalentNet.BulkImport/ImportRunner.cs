using System.Data.Common;
using System.Threading.Channels;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TalentNet.Contracts;
using TalentNet.Storage;

namespace TalentNet.BulkImport;

/// <summary>Where spooled files wait, one per import.</summary>
public sealed class ImportSpool(string directory)
{
    public string PathFor(Guid id, ImportFormat format)
    {
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, $"{id:N}.{format.ToWire()}");
    }
}

/// <summary>
/// Reads spooled files one import at a time, in batches of <see cref="ImportOptions.BatchSize"/> rows
/// per transaction, the counts committed with the rows, so an import stopped by a restart resumes
/// after its last batch. A bad row is counted and reported, never stops the others.
/// </summary>
public sealed partial class ImportRunner(
    Database database, IEnumerable<ImportKind> kinds, ImportOptions options, ImportSpool spool, TimeProvider clock, ILogger<ImportRunner> logger)
    : BackgroundService
{
    private readonly Channel<Guid> _queue = System.Threading.Channels.Channel.CreateUnbounded<Guid>();

    public void Enqueue(Guid id) => _queue.Writer.TryWrite(id);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using (var connection = await database.OpenAsync(stoppingToken))
        {
            foreach (var running in await connection.QueryAsync<Guid>(ImportStore.RunningSql, new { Status = ImportStatus.Running.ToWire() }))
            {
                Enqueue(running);
            }
        }

        await foreach (var id in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await RunAsync(id, stoppingToken);
            }
            catch (Exception exception) when (exception is DbException or IOException && !stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, id, exception);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A fault in the code, not in the file: stop this import (its rows so far are in) and go on with the next.
                LogFailed(logger, id, exception);
                await FinishAsync(id, ImportStatus.Failed, "The import stopped on an internal error (logged); rows before it are in. Send the file again.");
            }
        }
    }

    /// <summary>Reads one import's file to its end (from where it stopped) and marks it completed.</summary>
    public async Task RunAsync(Guid id, CancellationToken cancellationToken)
    {
        ImportStore.Row? import;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            import = await connection.QuerySingleOrDefaultAsync<ImportStore.Row>(ImportStore.FindSql, new { Id = id });
        }

        if (import is null || import.Status != ImportStatus.Running.ToWire())
        {
            return;
        }

        var format = Wire<ImportFormat>.Parse(import.Format);
        var path = spool.PathFor(id, format);
        if (!File.Exists(path))
        {
            await FinishAsync(id, ImportStatus.Failed, "The file was lost before it was read to its end (its spool directory did not survive a restart). Send it again: rows already in are not created twice.");
            return;
        }

        var kind = kinds.Single(candidate => candidate.Name == import.Kind);
        var context = new ImportContext(id, import.CreatedBy, clock.GetUtcNow());
        var errorsKept = await CountErrorsAsync(id, cancellationToken);
        // The file is read a batch ahead on another thread, while the last batch is being written.
        var batches = System.Threading.Channels.Channel.CreateBounded<List<ImportRow>>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Run(() => ReadBatchesAsync(path, format, import.ReadRows, batches.Writer, stopReading.Token), CancellationToken.None);
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
            {
                errorsKept = await WriteAsync(kind, context, batch, errorsKept, cancellationToken);
            }
        }
        finally
        {
            await stopReading.CancelAsync();
            await reading.ContinueWith(static _ => { }, TaskScheduler.Default);
        }

        // A file that could not be read to its end fails here as it would have without the read-ahead.
        await reading;
        await FinishAsync(id, ImportStatus.Completed, null);
        File.Delete(path);
    }

    private async Task ReadBatchesAsync(string path, ImportFormat format, long skip, ChannelWriter<List<ImportRow>> batches, CancellationToken cancellationToken)
    {
        try
        {
            var batch = new List<ImportRow>(options.BatchSize);
            await foreach (var row in RowReader.ReadAsync(path, format, cancellationToken))
            {
                if (skip-- > 0)
                {
                    continue;
                }

                batch.Add(row);
                if (batch.Count == options.BatchSize)
                {
                    await batches.WriteAsync(batch, cancellationToken);
                    batch = new List<ImportRow>(options.BatchSize);
                }
            }

            if (batch.Count > 0)
            {
                await batches.WriteAsync(batch, cancellationToken);
            }
        }
        finally
        {
            batches.TryComplete();
        }
    }

    private async Task<long> WriteAsync(ImportKind kind, ImportContext context, List<ImportRow> batch, long errorsKept, CancellationToken cancellationToken)
    {
        try
        {
            return await WriteRowsAsync(kind, context, batch, errorsKept, cancellationToken);
        }
        catch (Exception batchFault) when (batchFault is not OperationCanceledException)
        {
            // One row the database (or a fault) refused (a race with an API call, say) must not take its batch with it: one by one.
            foreach (var row in batch)
            {
                try
                {
                    errorsKept = await WriteRowsAsync(kind, context, [row], errorsKept, cancellationToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    var failed = new ImportRow(row.Number, new Dictionary<string, string?>());
                    failed.Error("row", "The row could not be stored; send it again.");
                    LogRowRefused(logger, context.ImportId, row.Number, exception);
                    errorsKept = await WriteRowsAsync(kind, context, [failed], errorsKept, cancellationToken);
                }
            }

            return errorsKept;
        }
    }

    private async Task<long> WriteRowsAsync(ImportKind kind, ImportContext context, List<ImportRow> rows, long errorsKept, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<RowOutcome, int>();
        await using var session = await database.BeginAsync(cancellationToken);
        context.Now = clock.GetUtcNow();
        session.BufferTallies();
        foreach (var outcome in await kind.ApplyBatchAsync(session, rows, context))
        {
            counts[outcome] = counts.GetValueOrDefault(outcome) + 1;
        }

        var errors = rows.SelectMany(row => row.Errors).ToList();

        var kept = errors.Take((int)Math.Max(0, options.MaxErrors - errorsKept)).ToList();
        await session.Connection.ExecuteAsync(ImportStore.InsertErrorSql, kept.Select(error => new
        {
            Id = context.ImportId, error.Row, error.Field, error.Message,
        }), session.Transaction);
        await session.Connection.ExecuteAsync(ImportStore.ProgressSql, new
        {
            Id = context.ImportId, Read = rows.Count, Created = counts.GetValueOrDefault(RowOutcome.Created),
            Updated = counts.GetValueOrDefault(RowOutcome.Updated), Unchanged = counts.GetValueOrDefault(RowOutcome.Unchanged),
            Failed = counts.GetValueOrDefault(RowOutcome.Failed), Suppressed = counts.GetValueOrDefault(RowOutcome.Suppressed),
        }, session.Transaction);
        await session.CommitAsync(cancellationToken);
        return errorsKept + kept.Count;
    }

    private async Task<long> CountErrorsAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(ImportStore.ErrorCountSql, new { Id = id });
    }

    private async Task FinishAsync(Guid id, ImportStatus status, string? detail)
    {
        await using var session = await database.BeginAsync(CancellationToken.None);
        await session.Connection.ExecuteAsync(ImportStore.FinishSql, new { Id = id, Status = status.ToWire(), Detail = detail, Now = clock.GetUtcNow() }, session.Transaction);
        await session.CommitAsync(CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Import {ImportId} stopped; it resumes at the next start")]
    private static partial void LogFailed(ILogger logger, Guid importId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {ImportId}: the database refused row {Row}")]
    private static partial void LogRowRefused(ILogger logger, Guid importId, long row, Exception exception);
}
