namespace TalentNet.Storage.Sqlite;

/// <summary>SQLite's process-wide settings: they take effect only if set before the first connection opens.</summary>
internal static class SqliteEngine
{
    // sqlite3.h: SQLITE_CONFIG_STMTJRNL_SPILL, an int number of bytes.
    private const int ConfigStatementJournalSpill = 26;

    /// <summary>
    /// How large a statement's or savepoint's undo journal may grow in memory. Past it, SQLite moves the
    /// journal to a temporary file, and keeps using that file for every later statement of the
    /// transaction: two system calls per page. At SQLite's default of 64 KiB, one statement touching
    /// 16 pages was enough (a row whose insert splits a few index pages, on a table with a trigger, as
    /// the test hosts' length checks; a group commit's savepoints journal every statement), and an
    /// import batch then wrote about 36 MB of page images to /var/tmp, personal data included. This is the most that works: a journal that spills is
    /// written out in one call, and SQLite's unix file layer writes at most 128 KiB - 1 bytes per call
    /// (at 256 KiB every spill failed with SQLITE_FULL; <c>SqliteEngineTests</c> checks both sides).
    /// </summary>
    public const int StatementJournalSpillBytes = (128 * 1024) - 1;

    private static readonly Lazy<int> Applied = new(Apply);

    /// <summary>Applies the settings once, before this process's first connection; later calls do nothing.</summary>
    public static void EnsureConfigured() => _ = Applied.Value;

    // SQLITE_MISUSE when something in this process opened SQLite before any Database (a test's own
    // connection): SQLite's default then stays, which is slower, not wrong.
    private static int Apply()
    {
        SQLitePCL.Batteries_V2.Init();
        return SQLitePCL.raw.sqlite3_config(ConfigStatementJournalSpill, StatementJournalSpillBytes);
    }
}
