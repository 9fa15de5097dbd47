using System.Data.Common;
using Dapper;
using TalentNet.Storage;

namespace TalentNet.Bench.Dashboard;

/// <summary>
/// Rows written straight into the three databases (the APIs would take hours for a million), over
/// the 24 months before now, so that a 12-month dashboard has to leave half of them out.
/// </summary>
internal static class BenchSeed
{
    public static readonly string[] Departments = ["Engineering", "Sales", "Marketing", "Finance", "Operations", "People", "Legal", "Support", "Product", "Data"];

    private static readonly string[] Channels = ["linkedin", "facebook", "x", "youtube", "instagram", "careers-site", "job-board", "agency", "employee-referral", "alumni-referral", "boomerang", "event", "other"];

    private static readonly string[] Campaigns = ["", "spring", "summer", "autumn", "winter"];

    private static readonly string[] Statuses = ["none", "none", "none", "requested", "given", "given", "given", "given", "declined", "expired"];

    private const string Pipeline =
        """[{"key":"sourced","name":"Sourced"},{"key":"contacted","name":"Contacted"},{"key":"screening","name":"Screening"},{"key":"interview","name":"Interview"},{"key":"offer","name":"Offer"},{"key":"hired","name":"Hired"}]""";

    public static async Task<Guid> ApplicationsAsync(Database database, int count, DateTimeOffset now)
    {
        var random = new Random(42);
        var start = now.AddMonths(-24);
        await using var session = await database.BeginAsync();
        var jobs = new List<Guid>();
        for (var j = 0; j < 100; j++)
        {
            var id = Guid.NewGuid();
            jobs.Add(id);
            await session.Connection.ExecuteAsync(
                "INSERT INTO jobs (id, title, department, location, skills, hiring_manager_email, status, pipeline, created_at, updated_at, version) " +
                "VALUES (@Id, 'Seeded', @Department, NULL, '[]', 'm@x.example', 'open', @Pipeline, @Now, @Now, 1)",
                new { Id = id, Department = Departments[j % Departments.Length], Pipeline, Now = start }, session.Transaction);
        }

        // A link belongs to one job and carries one channel and campaign.
        var links = Enumerable.Range(0, 500).Select(index => (Token: $"tok{index:00000}", Job: jobs[index % jobs.Count], Channel: index % 2 == 0 ? "linkedin" : "facebook", Campaign: Campaigns[1 + (index % 4)])).ToList();
        foreach (var link in links)
        {
            await session.Connection.ExecuteAsync(
                "INSERT INTO tracking_links (token, job_id, channel, campaign, shared_by, created_by, created_at) VALUES (@Token, @Job, @Channel, @Campaign, 'sharer@x.example', 'seed', @Now)",
                new { link.Token, link.Job, link.Channel, link.Campaign, Now = start }, session.Transaction);
        }

        var insert = Prepare(session,
            "INSERT INTO applications (id, candidate_id, job_id, stage, stage_index, furthest_index, is_open, channel, campaign, tracking_token, created_at, updated_at, hired_at, version) " +
            "VALUES ($id, $candidate, $job, 'sourced', 0, $furthest, 0, $channel, $campaign, $token, $created, $created, $hired, 1)",
            "$id", "$candidate", "$job", "$furthest", "$channel", "$campaign", "$token", "$created", "$hired");
        var span = (now - start).TotalMinutes;
        for (var i = 0; i < count; i++)
        {
            var furthest = Math.Min(5, (int)Math.Floor(-Math.Log(1 - random.NextDouble()) * 1.2));
            var created = start.AddMinutes(random.NextDouble() * span);
            var hired = furthest == 5 ? created.AddDays(random.Next(5, 60)) : (DateTimeOffset?)null;
            var (token, job, channel, campaign) = random.Next(10) == 0 && links[random.Next(links.Count)] is var link
                ? (link.Token, link.Job, link.Channel, link.Campaign)
                : ((string?)null, jobs[random.Next(jobs.Count)], Channels[random.Next(Channels.Length)], (string?)null);
            // Paid channels run one campaign a season; the others have none.
            campaign ??= Array.IndexOf(Channels, channel) < 5 ? Season(created) : null;
            Set(insert, Guid.NewGuid().ToString("D"), Guid.NewGuid().ToString("D"), job.ToString("D"), furthest, channel, campaign, token,
                DapperTypeHandlers.ToSqliteText(created), hired is { } day && day < now ? DapperTypeHandlers.ToSqliteText(day) : null);
            await insert.ExecuteNonQueryAsync();
        }

        await session.CommitAsync();
        return jobs[0];
    }

    /// <summary>Open applications in the first stage, for the stage-change throughput.</summary>
    public static async Task<List<Guid>> OpenApplicationsAsync(Database database, Guid job, int count, DateTimeOffset now)
    {
        var ids = new List<Guid>(count);
        var history = $$"""[{"from":null,"to":"sourced","actor":"seed","reason":null,"changedAt":"{{DapperTypeHandlers.ToSqliteText(now)}}"}]""";
        await using var session = await database.BeginAsync();
        var candidate = Prepare(session,
            "INSERT INTO candidates (id, full_name, email, phone, profiles, tags, external_ids, created_at, updated_at, version) VALUES ($id, 'Seeded', $email, NULL, '{}', '[]', '{}', $now, $now, 1)",
            "$id", "$email", "$now");
        var application = Prepare(session,
            "INSERT INTO applications (id, candidate_id, job_id, stage, stage_index, furthest_index, is_open, channel, created_at, updated_at, version, stage_history) " +
            "VALUES ($id, $candidate, $job, 'sourced', 0, 0, 1, 'linkedin', $now, $now, 1, $history)",
            "$id", "$candidate", "$job", "$now", "$history");
        for (var i = 0; i < count; i++)
        {
            var (candidateId, applicationId) = (Guid.NewGuid(), Guid.NewGuid());
            ids.Add(applicationId);
            Set(candidate, candidateId.ToString("D"), $"{candidateId:N}@seed.example", DapperTypeHandlers.ToSqliteText(now));
            await candidate.ExecuteNonQueryAsync();
            Set(application, applicationId.ToString("D"), candidateId.ToString("D"), job.ToString("D"), DapperTypeHandlers.ToSqliteText(now), history);
            await application.ExecuteNonQueryAsync();
        }

        await session.CommitAsync();
        return ids;
    }

    public static async Task AlumniAsync(Database database, int count, DateTimeOffset now)
    {
        var random = new Random(7);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        await using var session = await database.BeginAsync();
        var alumnus = Prepare(session,
            "INSERT INTO alumni (id, employee_id, full_name, work_email, personal_email, department, role, manager_name, manager_email, last_day, reason, status, " +
            "rehire_eligibility, consent_alumni_network, consent_rehire, consent_recommendation, consent_referral_ask, recommendation_status, returned_on, months_away, created_at, updated_at, version) " +
            "VALUES ($id, $employee, 'Seeded', $work, NULL, $department, 'Engineer', 'M', 'm@x.example', $lastDay, 'resignation', $status, 'eligible', 1, 1, 1, 1, $recommendation, $returned, $months, $now, $now, 1)",
            "$id", "$employee", "$work", "$department", "$lastDay", "$status", "$recommendation", "$returned", "$months", "$now");
        var departure = Prepare(session,
            "INSERT INTO departures (id, alumnus_id, employee_id, last_day, reason, department, rehire_eligibility, body_hash, body, created_at) " +
            "VALUES ($id, $alumnus, $employee, $lastDay, 'resignation', $department, 'eligible', 'x', '{}', $now)",
            "$id", "$alumnus", "$employee", "$lastDay", "$department", "$now");
        var hire = Prepare(session,
            "INSERT INTO hires (application_id, candidate_id, alumnus_id, hired_on, department) VALUES ($id, $candidate, $alumnus, $hiredOn, $department)",
            "$id", "$candidate", "$alumnus", "$hiredOn", "$department");
        var referral = Prepare(session,
            "INSERT INTO referrals (id, alumnus_id, candidate_name, candidate_email, status, created_at, updated_at) VALUES ($id, $alumnus, 'R', $email, $status, $created, $created)",
            "$id", "$alumnus", "$email", "$status", "$created");
        for (var i = 0; i < count; i++)
        {
            var id = Guid.NewGuid().ToString("D");
            var lastDay = today.AddDays(-random.Next(1, 730));
            var department = Departments[random.Next(Departments.Length)];
            var returnedOn = random.Next(100) < 8 ? lastDay.AddMonths(random.Next(2, 20)) : (DateOnly?)null;
            returnedOn = returnedOn > today ? null : returnedOn;
            var months = returnedOn is { } back ? ((back.Year - lastDay.Year) * 12) + back.Month - lastDay.Month : (int?)null;
            Set(alumnus, id, $"E{i}", $"e{i}@x.example", department, lastDay.ToString("yyyy-MM-dd"), returnedOn is null ? "alumnus" : "returned",
                Statuses[random.Next(Statuses.Length)], returnedOn?.ToString("yyyy-MM-dd"), months, DapperTypeHandlers.ToSqliteText(now));
            await alumnus.ExecuteNonQueryAsync();
            Set(departure, Guid.NewGuid().ToString("D"), id, $"E{i}", lastDay.ToString("yyyy-MM-dd"), department, DapperTypeHandlers.ToSqliteText(now));
            await departure.ExecuteNonQueryAsync();
            if (returnedOn is { } hiredOn)
            {
                Set(hire, Guid.NewGuid().ToString("D"), Guid.NewGuid().ToString("D"), id, hiredOn.ToString("yyyy-MM-dd"), department);
                await hire.ExecuteNonQueryAsync();
            }

            if (i % 3 == 0)
            {
                Set(hire, Guid.NewGuid().ToString("D"), Guid.NewGuid().ToString("D"), null, today.AddDays(-random.Next(1, 730)).ToString("yyyy-MM-dd"), department);
                await hire.ExecuteNonQueryAsync();
            }

            if (i % 5 == 0)
            {
                Set(referral, Guid.NewGuid().ToString("D"), id, $"r{i}@x.example", random.Next(8) == 0 ? "hired" : "referred",
                    DapperTypeHandlers.ToSqliteText(now.AddDays(-random.Next(1, 730))));
                await referral.ExecuteNonQueryAsync();
            }
        }

        await session.CommitAsync();
    }

    public static async Task RequestsAsync(Database database, int count, DateTimeOffset now)
    {
        var random = new Random(9);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        await using var session = await database.BeginAsync();
        var request = Prepare(session,
            "INSERT INTO recommendation_requests (id, alumnus_id, departure_id, manager_email, department, last_day, status, due_on, requested_at, given_at, published_url, updated_at, version) " +
            "VALUES ($id, $alumnus, $departure, $manager, $department, $lastDay, $status, $due, $requested, $given, $published, $requested, 1)",
            "$id", "$alumnus", "$departure", "$manager", "$department", "$lastDay", "$status", "$due", "$requested", "$given", "$published");
        string[] statuses = ["requested", "given", "given", "given", "declined", "expired"];
        for (var i = 0; i < count; i++)
        {
            var lastDay = today.AddDays(-random.Next(1, 730));
            // Unanswered requests expire 44 days after the last day: only recent ones are still open.
            var status = statuses[random.Next(statuses.Length)] is var drawn && drawn == "requested" && lastDay < today.AddDays(-44) ? "expired" : drawn;
            var requested = new DateTimeOffset(lastDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var given = status == "given" ? requested.AddDays(random.Next(1, 40)) : (DateTimeOffset?)null;
            // A manager leads one department.
            var manager = random.Next(300);
            Set(request, Guid.NewGuid().ToString("D"), Guid.NewGuid().ToString("D"), Guid.NewGuid().ToString("D"), $"manager{manager}@x.example",
                Departments[manager % Departments.Length], lastDay.ToString("yyyy-MM-dd"), status, lastDay.AddDays(14).ToString("yyyy-MM-dd"),
                DapperTypeHandlers.ToSqliteText(requested), given is { } at ? DapperTypeHandlers.ToSqliteText(at) : null,
                given is not null && random.Next(10) < 4 ? "https://www.linkedin.com/in/x/recommendations" : null);
            await request.ExecuteNonQueryAsync();
        }

        await session.CommitAsync();
    }

    private static DbCommand Prepare(DbSession session, string sql, params string[] names)
    {
        var command = session.Connection.CreateCommand();
        command.Transaction = session.Transaction;
        command.CommandText = sql;
        foreach (var name in names)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static void Set(DbCommand command, params object?[] values)
    {
        for (var index = 0; index < values.Length; index++)
        {
            command.Parameters[index].Value = values[index] ?? DBNull.Value;
        }
    }

    private static string Season(DateTimeOffset at) =>
        $"{Campaigns[(at.Month % 12) / 3 is 0 ? 4 : (at.Month % 12) / 3]}-{at.Year}";
}
