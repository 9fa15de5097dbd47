using Dapper;
using DbUp;
using DbUp.Engine;
using Microsoft.Extensions.Logging.Abstractions;
using TalentNet.Candidates.Features.Applications;
using TalentNet.Storage;
using TalentNet.Testing;

namespace TalentNet.Candidates.Tests;

public sealed class StageHistoryMigrationTests
{
    [Fact]
    public async Task Moving_the_history_onto_the_application_keeps_every_change_in_order()
    {
        var database = new Database(new DatabaseOptions { ConnectionString = $"Data Source={TestDatabase.NewPath("history-migration")}" }, CandidatesApi.ServiceName);
        var module = new MigrationModule(CandidatesApi.ServiceName, typeof(CandidatesApi).Assembly);
        var before = module.Scripts(DatabaseProvider.Sqlite)
            .Where(script => string.CompareOrdinal(script.Name, $"{CandidatesApi.ServiceName}/0003") < 0)
            .Select(script => new SqlScript(script.Name, script.Sql))
            .ToList();
        Assert.Equal(2, before.Count);
        var upgraded = DeployChanges.To.SqliteDatabase(database.ConnectionString).WithScripts(before).Build().PerformUpgrade();
        Assert.True(upgraded.Successful, upgraded.Error?.Message);

        var (withHistory, withoutHistory) = (Guid.NewGuid(), Guid.NewGuid());
        await using (var connection = await database.OpenAsync())
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO applications (id, candidate_id, job_id, stage, stage_index, furthest_index, is_open, channel, created_at, updated_at, version)
                VALUES (@WithHistory, @Candidate, @Job, 'interview', 3, 3, 1, 'linkedin', '2026-01-01T00:00:00.0000000Z', '2026-01-03T00:00:00.0000000Z', 3),
                       (@WithoutHistory, @Candidate, @OtherJob, 'sourced', 0, 0, 1, 'x', '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z', 1);
                INSERT INTO application_stage_history (application_id, from_stage, to_stage, actor, reason, changed_at) VALUES
                    (@WithHistory, NULL, 'sourced', 'kari', NULL, '2026-01-01T00:00:00.0000000Z'),
                    (@WithHistory, 'sourced', 'screening', 'ola', NULL, '2026-01-02T00:00:00.0000000Z'),
                    (@WithHistory, 'screening', 'interview', 'ola', 'strong "screening"', '2026-01-03T00:00:00.0000000Z');
                """,
                new { WithHistory = withHistory, WithoutHistory = withoutHistory, Candidate = Guid.NewGuid(), Job = Guid.NewGuid(), OtherJob = Guid.NewGuid() });
        }

        Migrator.Apply(database, [module], NullLogger.Instance);

        await using var read = await database.OpenAsync();
        var history = StageHistory.Read(await read.ExecuteScalarAsync<string>("SELECT stage_history FROM applications WHERE id = @Id", new { Id = withHistory }) ?? "");
        Assert.Equal(
            [
                new StageChange(null, "sourced", "kari", null, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)),
                new StageChange("sourced", "screening", "ola", null, new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero)),
                new StageChange("screening", "interview", "ola", "strong \"screening\"", new DateTimeOffset(2026, 1, 3, 0, 0, 0, TimeSpan.Zero)),
            ],
            history);
        Assert.Equal("[]", await read.ExecuteScalarAsync<string>("SELECT stage_history FROM applications WHERE id = @Id", new { Id = withoutHistory }));
        Assert.Equal(0, await read.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'application_stage_history'"));
    }
}
