using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Contracts.Privacy;
using TalentNet.Messaging;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Alumni.Features.Privacy;

/// <summary>
/// POST /api/privacy/erasure-requests: erase a person everywhere (GDPR Art. 17), found by an address or
/// an employee id. Alumni adds the other addresses and employee ids its records tie to that person, so
/// that every service finds them by what it holds, and sends the request as an event.
/// </summary>
public static class RequestErasure
{
    public sealed record Request([property: MaxLength(Lengths.Email)] string? Email, [property: MaxLength(Lengths.ExternalId)] string? EmployeeId);

    internal const string InsertSql = "INSERT INTO erasure_requests (id, requested_by, requested_at) VALUES (@Id, @RequestedBy, @Now)";

    internal const string KnownAsSql =
        "SELECT employee_id AS EmployeeId, work_email AS WorkEmail, personal_email AS PersonalEmail FROM alumni WHERE personal_email = @Email OR work_email = @Email OR employee_id = @EmployeeId";

    private sealed class KnownAs
    {
        public string EmployeeId { get; init; } = "";
        public string WorkEmail { get; init; } = "";
        public string? PersonalEmail { get; init; }
    }

    public static void Map(RouteGroupBuilder privacy) =>
        privacy.MapPost("/erasure-requests", Handle)
            .WithName("RequestErasure")
            .WithSummary("Erase a person from every service")
            .WithDescription("Give an email address or an employee id. Answers 202 with the request to follow (GET, Location); every service erases what it holds and reports back, a service that is down when it comes back. Statistics keep counting the person's events, with nothing that identifies them.")
            .RequireRoles(Roles.Hr, Roles.Admin)
            .ProducesValidationProblem();

    public static async Task<Results<Accepted<ErasureRequest.Response>, ValidationProblem>> Handle(
        Request request, Database database, Outbox outbox, AlumniOptions options, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Check((request.Email is null) != (request.EmployeeId is null), "email", "Give either an email address or an employee id.")
            .Email("email", request.Email, required: false);
        if (request.EmployeeId is not null)
        {
            validation.Required("employeeId", request.EmployeeId, Lengths.ExternalId);
        }

        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        await using var session = await database.BeginAsync(cancellationToken);
        var id = await StartAsync(
            session, outbox, options.EmployeeIdSystems, http.Actor(), request.Email is null ? null : Validation.NormalizeEmail(request.Email), request.EmployeeId?.Trim(), clock.GetUtcNow());
        var created = (await ErasureRequest.FindAsync(session.Connection, id, session.Transaction))!;
        await session.CommitAsync(cancellationToken);
        return TypedResults.Accepted($"/api/privacy/erasure-requests/{id}", created);
    }

    /// <summary>Records the request and sends it, with every address and employee id Alumni ties to the person.</summary>
    public static async Task<Guid> StartAsync(
        DbSession session, Outbox outbox, IReadOnlyList<string> employeeIdSystems, string requestedBy, string? email, string? employeeId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(outbox);
        var id = TimeOrderedId.New(now);
        var known = (await session.Connection.QueryAsync<KnownAs>(KnownAsSql, new { Email = email, EmployeeId = employeeId }, session.Transaction)).ToList();
        var emails = known.SelectMany(row => new[] { row.WorkEmail, row.PersonalEmail }).Append(email).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var employeeIds = known.Select(row => row.EmployeeId).Append(employeeId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        await session.Connection.ExecuteAsync(InsertSql, new { Id = id, RequestedBy = requestedBy, Now = now }, session.Transaction);
        await outbox.EnqueueAsync(session, new PersonalDataErasureRequested(TimeOrderedId.New(now), now, id, emails, employeeIds, employeeIdSystems));
        return id;
    }
}
