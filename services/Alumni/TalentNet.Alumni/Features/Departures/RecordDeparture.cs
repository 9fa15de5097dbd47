using System.ComponentModel.DataAnnotations;
using System.Data.Common;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Alumni.Features.Alumni;
using TalentNet.Alumni.Features.AlumniPage;
using TalentNet.Alumni.Features.Boomerangs;
using TalentNet.Alumni.Features.Dashboard;
using TalentNet.Contracts;
using TalentNet.Contracts.Alumni;
using TalentNet.Messaging;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Idempotency;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Alumni.Features.Departures;

/// <summary>
/// POST /api/departures: an employee leaves (from HR or the HRIS). Creates the alumnus, or
/// reactivates the one who left before; idempotent on employee id + last day for HRIS retries.
/// </summary>
public static class RecordDeparture
{
    public sealed record ManagerBody([property: MaxLength(Lengths.Name)] string? Name, [property: MaxLength(Lengths.Email)] string? Email);

    public sealed record ExitInterview(ReturnIntent? WouldReturn, [property: MaxLength(Lengths.Tag)] string? Sentiment, [property: MaxLength(Lengths.Text)] string? Notes);

    public sealed record ConsentsBody(bool? AlumniNetwork, bool? RehireOutreach, bool? RecommendationRequest, bool? ReferralAsk);

    public const int MaxSkills = 50;

    public sealed record Request(
        [property: MaxLength(Lengths.ExternalId)] string? EmployeeId,
        [property: MaxLength(Lengths.Name)] string? FullName,
        [property: MaxLength(Lengths.Email)] string? WorkEmail,
        [property: MaxLength(Lengths.Email)] string? PersonalEmail,
        [property: MaxLength(Lengths.Department)] string? Department,
        [property: MaxLength(Lengths.Name)] string? Role,
        ManagerBody? Manager,
        DateOnly? StartedOn,
        DateOnly? LastDay,
        DepartureReason? Reason,
        ExitInterview? ExitInterview,
        [property: MaxLength(Lengths.Url)] string? LinkedInUrl,
        ConsentsBody? Consents,
        [property: MaxLength(MaxSkills), EachMaxLength(Lengths.Tag)] IReadOnlyList<string>? Skills,
        Language? Language = null);

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    internal const string ExistingSql = $"SELECT {Departure.SelectColumns} FROM departures WHERE employee_id = @EmployeeId AND last_day = @LastDay";

    internal const string AlumnusByEmployeeSql = "SELECT id FROM alumni WHERE employee_id = @EmployeeId";

    internal const string InsertAlumnusSql =
        """
        INSERT INTO alumni (id, employee_id, full_name, work_email, personal_email, department, role, manager_name, manager_email,
            linkedin_url, started_on, last_day, reason, would_return, status, rehire_eligibility, eligibility_note,
            consent_alumni_network, consent_rehire, consent_recommendation, consent_referral_ask, recommendation_status, language,
            created_at, updated_at, version)
        VALUES (@Id, @EmployeeId, @FullName, @WorkEmail, @PersonalEmail, @Department, @Role, @ManagerName, @ManagerEmail,
            @LinkedInUrl, @StartedOn, @LastDay, @Reason, @WouldReturn, @Status, @Eligibility, NULL,
            @AlumniNetwork, @RehireOutreach, @RecommendationRequest, @ReferralAsk, @RecommendationStatus, @Language, @Now, @Now, 1)
        """;

    internal const string ReactivateSql =
        """
        UPDATE alumni SET full_name = @FullName, work_email = @WorkEmail, personal_email = @PersonalEmail, department = @Department,
            role = @Role, manager_name = @ManagerName, manager_email = @ManagerEmail, linkedin_url = @LinkedInUrl, started_on = @StartedOn,
            last_day = @LastDay, reason = @Reason, would_return = @WouldReturn, status = @Status, rehire_eligibility = @Eligibility,
            eligibility_note = NULL, consent_alumni_network = @AlumniNetwork, consent_rehire = @RehireOutreach,
            consent_recommendation = @RecommendationRequest, consent_referral_ask = @ReferralAsk, recommendation_status = @RecommendationStatus,
            language = @Language, updated_at = @Now, version = version + 1
        WHERE id = @Id
        """;

    internal const string InsertDepartureSql =
        """
        INSERT INTO departures (id, alumnus_id, employee_id, last_day, reason, department, rehire_eligibility, body_hash, body, created_at)
        VALUES (@Id, @AlumnusId, @EmployeeId, @LastDay, @Reason, @Department, @Eligibility, @BodyHash, @Body, @Now)
        """;

    public static void Map(RouteGroupBuilder departures) =>
        departures.MapPost("/", Handle)
            .WithName("RecordDeparture")
            .WithSummary("Record a departure (HRIS or HR)")
            .WithDescription("Rehire eligibility comes from the reason (configurable mapping). The same employeeId + lastDay again returns the stored departure (200); a different body for that key is 409. Publishes EmployeeDeparted.")
            .RequireRoles(AlumniApi.DepartureWriters)
            .Produces<Departure.Response>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Results<Created<Departure.Response>, Ok<Departure.Response>, ValidationProblem, ProblemHttpResult>> Handle(
        Request request, Database database, Outbox outbox, AlumniOptions options, AlumniLinks links, SuppressionList suppression, HttpContext http,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = Validate(request);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        await using var session = await database.BeginAsync(cancellationToken);

        // An HRIS does not bring back a person erased at their request; HR, recording a new departure by hand, can.
        if (http.User.IsInRole(Roles.Integration) && !http.SeesPersonnelDetails()
            && await suppression.HoldsAnyAsync(session.Connection, session.Transaction, [request.WorkEmail, request.PersonalEmail]))
        {
            return ApiProblems.Suppressed(SuppressionList.Reason);
        }

        var outcome = await RecordAsync(session, outbox, options, links, Normalize(request), ChangeSources.Of(http), clock.GetUtcNow());
        if (outcome is Recording.Different different)
        {
            return ApiProblems.Conflict(
                "A different departure is recorded for this employee and last day; correct it with PUT on its link.", $"/api/departures/{different.Existing.Id}");
        }

        if (outcome is Recording.StillOpen open)
        {
            return ApiProblems.Conflict(
                $"This employee's departure on {open.Current.LastDay:yyyy-MM-dd} has not been followed by a return: correct it with PUT on its link, " +
                "or give a startedOn after that day for a new employment.", $"/api/departures/{open.Current.Id}");
        }

        if (outcome is Recording.Same same)
        {
            return TypedResults.Ok(same.Departure);
        }

        var created = ((Recording.Recorded)outcome).Departure;
        try
        {
            await session.CommitAsync(cancellationToken);
        }
        catch (DbException exception) when (DbErrors.IsUniqueViolation(exception))
        {
            return ApiProblems.Conflict("The same departure was recorded concurrently; retry to read it.");
        }

        return TypedResults.Created($"/api/departures/{created.Id}", created);
    }

    /// <summary>What recording a departure came to.</summary>
    public abstract record Recording
    {
        public sealed record Recorded(Departure.Response Departure) : Recording;

        public sealed record Same(Departure.Response Departure) : Recording;

        public sealed record Different(Departure.Row Existing) : Recording;

        /// <summary>The employee has not come back since their latest departure, and the body does not start a new employment.</summary>
        public sealed record StillOpen(Departure.Row Current) : Recording;
    }

    /// <summary>
    /// Records a validated, normalized departure in the caller's session (API and imports): the alumnus
    /// created or reactivated, the departure, the timeline entry and <see cref="EmployeeDeparted"/>.
    /// The same employee and last day again is <see cref="Recording.Same"/> (same body) or <see cref="Recording.Different"/>;
    /// another last day while the latest departure is still open (no return, no later startedOn) is <see cref="Recording.StillOpen"/>.
    /// The timeline entry names the source (HR, an integration, an HRIS file): the basis of the consents it carries.
    /// </summary>
    public static async Task<Recording> RecordAsync(
        DbSession session, Outbox outbox, AlumniOptions options, AlumniLinks links, Request body, ChangeSource source, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(body);
        var hash = BodyFingerprint.Of(body);
        var existing = await session.Connection.QuerySingleOrDefaultAsync<Departure.Row>(
            ExistingSql, new { body.EmployeeId, body.LastDay }, session.Transaction);
        if (existing is not null)
        {
            return existing.IsSameBody(hash) ? new Recording.Same(existing.ToResponse()) : new Recording.Different(existing);
        }

        var previous = await session.Connection.ExecuteScalarAsync<Guid?>(AlumnusByEmployeeSql, new { body.EmployeeId }, session.Transaction);
        if (previous is { } known && await OpenDepartureAsync(session, known) is { } current && (body.StartedOn is null || body.StartedOn <= current.LastDay))
        {
            return new Recording.StillOpen(current);
        }

        var eligibility = options.EligibilityFor(body.Reason!.Value);
        var consents = body.Consents!;
        var alumnusId = previous ?? TimeOrderedId.New(now);
        var parameters = new
        {
            Id = alumnusId, body.EmployeeId, body.FullName, body.WorkEmail, body.PersonalEmail, body.Department, body.Role,
            ManagerName = body.Manager!.Name, ManagerEmail = body.Manager.Email, body.LinkedInUrl, body.StartedOn, body.LastDay,
            Reason = body.Reason.Value.ToWire(), WouldReturn = body.ExitInterview?.WouldReturn?.ToWire(), Eligibility = eligibility.ToWire(),
            Status = AlumnusStatus.Alumnus.ToWire(), RecommendationStatus = RecommendationStatus.None.ToWire(),
            AlumniNetwork = consents.AlumniNetwork == true ? 1 : 0, RehireOutreach = consents.RehireOutreach == true ? 1 : 0,
            RecommendationRequest = consents.RecommendationRequest == true ? 1 : 0, ReferralAsk = consents.ReferralAsk == true ? 1 : 0,
            Language = body.Language?.ToWire(), Now = now,
        };
        await AlumniTallies.TrackAsync(session, alumnusId,
            () => session.Connection.ExecuteAsync(previous is null ? InsertAlumnusSql : ReactivateSql, parameters, session.Transaction), departure: true);
        var departureId = TimeOrderedId.New(now);
        await session.Connection.ExecuteAsync(InsertDepartureSql, new
        {
            Id = departureId, AlumnusId = alumnusId, body.EmployeeId, body.LastDay, parameters.Reason, body.Department,
            parameters.Eligibility, BodyHash = hash, Body = JsonSerializer.Serialize(body, Json), Now = now,
        }, session.Transaction);
        await Alumnus.RecordAsync(session, alumnusId, previous is null ? "departed" : "departed-again",
            $"Left {body.Department} as {body.Role} on {body.LastDay:yyyy-MM-dd} ({parameters.Reason}); rehire eligibility {parameters.Eligibility}.", now, source);
        await outbox.EnqueueAsync(session, new EmployeeDeparted(
            TimeOrderedId.New(now), now, alumnusId, departureId, body.EmployeeId!, body.FullName!, body.PersonalEmail, body.WorkEmail!,
            body.Department!, body.Role!, body.Manager.Name!, body.Manager.Email!, body.Reason.Value, eligibility,
            new(parameters.AlumniNetwork == 1, parameters.RehireOutreach == 1, parameters.RecommendationRequest == 1, parameters.ReferralAsk == 1),
            body.LastDay!.Value, body.ExitInterview?.WouldReturn, body.Skills ?? [], body.Language, body.LinkedInUrl));
        await BoomerangMatching.AlumnusChangedAsync(session, outbox, alumnusId, now);
        await links.WelcomeAsync(session, outbox, alumnusId, now);
        return new Recording.Recorded(
            (await session.Connection.QuerySingleAsync<Departure.Row>(Departure.FindSql, new { Id = departureId }, session.Transaction)).ToResponse());
    }

    /// <summary>The alumnus's latest departure that counts, unless they came back after it (or it was their only one and was rescinded).</summary>
    private static async Task<Departure.Row?> OpenDepartureAsync(DbSession session, Guid alumnusId)
    {
        var latest = await session.Connection.QueryFirstOrDefaultAsync<Departure.Row>(
            Departure.OthersSql, new { AlumnusId = alumnusId, Id = Guid.Empty }, session.Transaction);
        var alumnus = await Alumnus.FindAsync(session.Connection, alumnusId, session.Transaction);
        return latest is not null && alumnus is { Status: not AlumnusStatus.Returned } && (alumnus.Return is null || alumnus.Return.ReturnedOn < latest.LastDay)
            ? latest
            : null;
    }

    public static Validation Validate(Request request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var validation = new Validation().Maxima(request)
            .Required("employeeId", request.EmployeeId, Lengths.ExternalId)
            .Required("fullName", request.FullName)
            .Email("workEmail", request.WorkEmail)
            .Email("personalEmail", request.PersonalEmail, required: false)
            .Required("department", request.Department, Lengths.Department)
            .Required("role", request.Role)
            .Required("lastDay", request.LastDay)
            .Required("reason", request.Reason)
            .Url("linkedInUrl", request.LinkedInUrl);
        if (request.Manager is null)
        {
            validation.Add("manager", "Required.");
        }
        else
        {
            validation.Required("manager.name", request.Manager.Name).Email("manager.email", request.Manager.Email);
        }

        validation.Check(request.StartedOn is null || request.LastDay is null || request.StartedOn <= request.LastDay, "startedOn", "Must not be after lastDay.");
        validation.Check((request.Skills ?? []).Take(MaxSkills).All(skill => !string.IsNullOrWhiteSpace(skill)), "skills", "A skill is not blank.");
        return validation;
    }

    /// <summary>The body as stored and compared: trimmed, emails lower-cased, consents explicit.</summary>
    public static Request Normalize(Request request) => request is null ? throw new ArgumentNullException(nameof(request)) : request with
    {
        EmployeeId = request.EmployeeId!.Trim(),
        FullName = request.FullName!.Trim(),
        WorkEmail = Validation.NormalizeEmail(request.WorkEmail!),
        PersonalEmail = request.PersonalEmail is null ? null : Validation.NormalizeEmail(request.PersonalEmail),
        Department = request.Department!.Trim(),
        Role = request.Role!.Trim(),
        Manager = new ManagerBody(request.Manager!.Name!.Trim(), Validation.NormalizeEmail(request.Manager.Email!)),
        Consents = new ConsentsBody(
            request.Consents?.AlumniNetwork ?? false, request.Consents?.RehireOutreach ?? false,
            request.Consents?.RecommendationRequest ?? false, request.Consents?.ReferralAsk ?? false),
        Skills = (request.Skills ?? []).Select(skill => skill.Trim().ToLowerInvariant()).Distinct().ToList(),
    };
}
