using Dapper;
using TalentNet.Storage;

namespace TalentNet.Bench.Candidates;

internal static class Seed
{
    private static readonly string[] ParameterNames = ["$id", "$candidate", "$job", "$furthest", "$channel", "$created", "$hired"];

    private static readonly string[] Channels = ["linkedin", "facebook", "x", "youtube", "instagram", "careers-site", "job-board", "agency", "employee-referral", "alumni-referral", "boomerang", "event", "other"];

    /// <summary>Open applications in the first stage of one job, each with its candidate and first history entry.</summary>
    public static async Task<List<Guid>> OpenApplicationsAsync(Database database, Guid jobId, int count)
    {
        var ids = new List<Guid>(count);
        var now = DateTimeOffset.UtcNow;
        var history = $$"""[{"from":null,"to":"sourced","actor":"seed","reason":null,"changedAt":"{{DapperTypeHandlers.ToSqliteText(now)}}"}]""";
        await using var session = await database.BeginAsync();
        for (var i = 0; i < count; i++)
        {
            var (candidate, application) = (Guid.NewGuid(), Guid.NewGuid());
            ids.Add(application);
            await session.Connection.ExecuteAsync(
                "INSERT INTO candidates (id, full_name, email, phone, profiles, tags, external_ids, created_at, updated_at, version) " +
                "VALUES (@Candidate, 'Seeded', @Email, NULL, '{}', '[]', '{}', @Now, @Now, 1);" +
                "INSERT INTO applications (id, candidate_id, job_id, stage, stage_index, furthest_index, is_open, channel, created_at, updated_at, version, stage_history) " +
                "VALUES (@Application, @Candidate, @Job, 'sourced', 0, 0, 1, 'linkedin', @Now, @Now, 1, @History)",
                new { Candidate = candidate, Application = application, Job = jobId, Email = $"{candidate:N}@seed.example", Now = now, History = history },
                session.Transaction);
        }

        await session.CommitAsync();
        return ids;
    }

    /// <summary>Many applications over 100 jobs in one transaction with a reused prepared command.</summary>
    public static async Task ApplicationsAsync(Database database, int count)
    {
        var random = new Random(42);
        await using var session = await database.BeginAsync();
        var jobs = new List<Guid>();
        for (var j = 0; j < 100; j++)
        {
            var id = Guid.NewGuid();
            jobs.Add(id);
            await session.Connection.ExecuteAsync(
                "INSERT INTO jobs (id, title, department, location, skills, hiring_manager_email, status, pipeline, created_at, updated_at, version) " +
                "VALUES (@Id, 'Seeded', 'Seeded', NULL, '[]', 'm@x.example', 'open', @Pipeline, @Now, @Now, 1)",
                new { Id = id, Pipeline = """[{"key":"sourced","name":"Sourced"},{"key":"contacted","name":"Contacted"},{"key":"screening","name":"Screening"},{"key":"interview","name":"Interview"},{"key":"offer","name":"Offer"},{"key":"hired","name":"Hired"}]""", Now = DateTimeOffset.UtcNow },
                session.Transaction);
        }

        await using var command = session.Connection.CreateCommand();
        command.Transaction = session.Transaction;
        command.CommandText =
            "INSERT INTO applications (id, candidate_id, job_id, stage, stage_index, furthest_index, is_open, channel, created_at, updated_at, hired_at, version) " +
            "VALUES ($id, $candidate, $job, 'sourced', 0, $furthest, 0, $channel, $created, $created, $hired, 1)";
        var parameters = ParameterNames
            .Select(name =>
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
                return parameter;
            })
            .ToArray();
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < count; i++)
        {
            var furthest = Math.Min(5, (int)Math.Floor(-Math.Log(1 - random.NextDouble()) * 1.2));
            var created = start.AddMinutes(random.Next(0, 500_000));
            parameters[0].Value = Guid.NewGuid().ToString("D");
            parameters[1].Value = Guid.NewGuid().ToString("D");
            parameters[2].Value = jobs[random.Next(jobs.Count)].ToString("D");
            parameters[3].Value = furthest;
            parameters[4].Value = Channels[random.Next(Channels.Length)];
            parameters[5].Value = DapperTypeHandlers.ToSqliteText(created);
            parameters[6].Value = furthest == 5 ? DapperTypeHandlers.ToSqliteText(created.AddDays(random.Next(5, 60))) : DBNull.Value;
            await command.ExecuteNonQueryAsync();
        }

        await session.CommitAsync();
    }
}
