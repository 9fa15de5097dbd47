using Microsoft.Data.Sqlite;

namespace TalentNet.Storage.Sqlite;

/// <summary>
/// SQLite's single writer, shared by this process's write sessions with group commit: sessions take
/// turns on one transaction, each inside a savepoint of its own, and the transaction commits when
/// no session is waiting for its turn (or the batch is full). Every session's commit still returns
/// only once its writes are durable, but a queue of sessions pays for one commit, and pages that
/// several of them touch (the outbox's, an index's) are written once.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001",
    Justification = "The turn's wait handle is never created, so there is nothing to dispose; a writer lives as long as its service.")]
internal sealed class SqliteWriter(SqliteConnectionPool pool, int maxSessionsPerCommit)
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private int _waiting;
    private Batch? _open;

    public async Task<DbSession> BeginAsync(SqlDialect dialect, CancellationToken cancellationToken)
    {
        // Not cancellable once queued: every queued session may be the one that has to commit the
        // batch before it; a cancelled one closes what is open and then gives up its turn.
        Interlocked.Increment(ref _waiting);
        await _turn.WaitAsync(CancellationToken.None);
        Interlocked.Decrement(ref _waiting);
        try
        {
            if (cancellationToken.IsCancellationRequested)
            {
                CommitOpenBatch();
                cancellationToken.ThrowIfCancellationRequested();
            }

            _open ??= Batch.Start(pool.Rent());
            _open.Enter();
            return new DbSession(_open.Connection, _open.Transaction, dialect, new Scope(this, _open));
        }
        catch
        {
            // Whoever had their turn before may be waiting for this batch to commit.
            CommitOpenBatch();
            _turn.Release();
            throw;
        }
    }

    /// <summary>Called with the turn held when a session is done: commit now, or leave it to the next session.</summary>
    private async Task EndTurn(Batch batch)
    {
        if (batch.Failed is null && batch.Sessions < maxSessionsPerCommit)
        {
            if (Volatile.Read(ref _waiting) == 0)
            {
                // Let requests that are already running reach their turn before committing alone.
                await Task.Yield();
            }

            if (Volatile.Read(ref _waiting) > 0)
            {
                _turn.Release();
                await batch.Committed;
                return;
            }
        }

        CommitOpenBatch();
        _turn.Release();
        await batch.Committed;
    }

    private void CommitOpenBatch()
    {
        var batch = _open;
        _open = null;
        batch?.Commit();
    }

    private sealed class Scope(SqliteWriter writer, Batch batch) : IWriteScope
    {
        public async Task CommitAsync(CancellationToken cancellationToken)
        {
            Exception? failure = null;
            try
            {
                batch.Release();
            }
            catch (Exception released)
            {
                failure = released;
            }

            var committed = writer.EndTurn(batch);
            if (failure is not null)
            {
                await committed.ContinueWith(static task => _ = task.Exception, TaskScheduler.Default);
                throw failure;
            }

            await committed;
        }

        [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1031", Justification = "A rolled-back session has nothing to lose when the shared commit fails.")]
        public async Task RollbackAsync()
        {
            batch.RollbackTo();
            try
            {
                await writer.EndTurn(batch);
            }
            catch (Exception)
            {
                // The shared commit failed; this session had nothing in it to lose.
            }
        }
    }

    /// <summary>One transaction and the sessions that took part in it.</summary>
    private sealed class Batch
    {
        private readonly TaskCompletionSource _committed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly PooledSqliteConnection _connection;
        private bool _empty = true;
        private bool _bare;

        private Batch(PooledSqliteConnection connection)
        {
            _connection = connection;
            Transaction = connection.BeginTransaction(deferred: false);
        }

        public PooledSqliteConnection Connection => _connection;

        public SqliteTransaction Transaction { get; private set; }

        public int Sessions { get; private set; }

        public Exception? Failed { get; private set; }

        public Task Committed => _committed.Task;

        public static Batch Start(PooledSqliteConnection connection)
        {
            try
            {
                return new Batch(connection);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        /// <summary>
        /// Sessions take turns and never nest, so one savepoint name serves them all, and its three
        /// statements stay prepared on the connection instead of being parsed for every session. A
        /// session that finds the transaction empty needs none: undoing it is undoing the transaction.
        /// That spares SQLite copying every page the session changes into the savepoint's journal, which
        /// goes to a temporary file past 128 KiB (an import batch changes thousands of pages and is
        /// usually alone in its transaction).
        /// </summary>
        public void Enter()
        {
            Sessions++;
            _bare = _empty;
            if (!_bare)
            {
                Run("SAVEPOINT session");
            }
        }

        public void Release()
        {
            if (Failed is not null)
            {
                throw new InvalidOperationException("The shared transaction failed before this session committed.", Failed);
            }

            try
            {
                if (!_bare)
                {
                    Run("RELEASE session");
                }

                _empty = false;
            }
            catch (Exception failure)
            {
                Failed = failure;
                throw;
            }
        }

        public void RollbackTo()
        {
            if (Failed is not null)
            {
                return;
            }

            try
            {
                if (_bare)
                {
                    // Nothing else is in the transaction: undo it and start again for whoever comes next.
                    Transaction.Rollback();
                    Transaction.Dispose();
                    Transaction = _connection.BeginTransaction(deferred: false);
                }
                else
                {
                    Run("ROLLBACK TO session");
                    Run("RELEASE session");
                }
            }
            catch (Exception failure)
            {
                // SQLite rolled the whole transaction back itself (e.g. disk full): nobody in it commits.
                Failed = failure;
            }
        }

        private void Run(string sql)
        {
            using var command = _connection.CreateCommand();
            command.Transaction = Transaction;
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        public void Commit()
        {
            try
            {
                if (Failed is not null)
                {
                    throw new InvalidOperationException("The shared transaction failed; its writes were rolled back.", Failed);
                }

                Transaction.Commit();
                _committed.SetResult();
            }
            catch (Exception failure)
            {
                _committed.SetException(failure);
            }
            finally
            {
                Transaction.Dispose();
                _connection.Dispose();
            }
        }
    }
}
