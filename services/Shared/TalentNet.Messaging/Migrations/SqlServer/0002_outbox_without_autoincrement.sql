-- SQLite's outbox table dropped AUTOINCREMENT in this step (see the SQLite script of the same
-- name). IDENTITY keeps no bookkeeping row that every insert rewrites, so SQL Server has nothing
-- to change; the script keeps both providers' migration lists in step.
PRINT N'outbox_messages: nothing to change on SQL Server.';
