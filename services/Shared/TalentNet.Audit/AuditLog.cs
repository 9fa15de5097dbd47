using System.Text.Json.Serialization;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TalentNet.Contracts;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Audit;

/// <summary>What an audit entry records.</summary>
[JsonConverter(typeof(WireEnumConverter<AuditAction>))]
public enum AuditAction
{
    /// <summary>A read of exit-interview data, HR's notes or recommendation text.</summary>
    Read,

    /// <summary>A change to a person's data.</summary>
    Change,
}

/// <summary>Marks a read endpoint whose answer holds sensitive personal data (for whom it shows it).</summary>
public sealed record AuditedRead(Func<HttpContext, bool> ShowsSensitiveData);

/// <summary>
/// The audit log: every change to a person's data on an audited group (any successful POST, PUT,
/// PATCH or DELETE) and every successful read an endpoint marks as showing sensitive data, with the
/// actor (role and address, API key name or alumnus id), the time, the operation (method and route)
/// and the record's id. The data itself is never written here.
/// </summary>
public sealed partial class AuditLog(Database database, TimeProvider clock, ILogger<AuditLog> logger)
{
    internal const string InsertSql =
        """
        INSERT INTO audit_log (occurred_at, actor, action, operation, subject_id, status)
        VALUES (@OccurredAt, @Actor, @Action, @Operation, @SubjectId, @Status)
        """;

    public async Task RecordAsync(HttpContext http, AuditAction action)
    {
        ArgumentNullException.ThrowIfNull(http);
        var endpoint = http.GetEndpoint() as RouteEndpoint;
        var id = http.Request.RouteValues.TryGetValue("id", out var value) && Guid.TryParse(value?.ToString(), out var parsed) ? parsed : (Guid?)null;
        try
        {
            await using var session = await database.BeginAsync(CancellationToken.None);
            await session.Connection.ExecuteAsync(InsertSql, new
            {
                OccurredAt = clock.GetUtcNow(), Actor = ActorOf(http), Action = action.ToWire(),
                Operation = $"{http.Request.Method} {endpoint?.RoutePattern.RawText ?? http.Request.Path.Value}", SubjectId = id,
                Status = http.Response.StatusCode,
            }, session.Transaction);
            await session.CommitAsync(CancellationToken.None);
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or InvalidOperationException)
        {
            // The answer has been made; an entry that could not be written is said loudly, by ids only.
            LogNotWritten(exception, action.ToWire(), id);
        }
    }

    /// <summary>Who acted, as the audit log names them: a role and an address or key name, or the alumnus on their own page; never a person's name.</summary>
    public static string ActorOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.User.FindFirst(TalentNetClaims.AlumnusId)?.Value is { } alumnus)
        {
            return $"alumnus {alumnus}";
        }

        var role = Roles.All.FirstOrDefault(http.User.IsInRole) ?? "anonymous";
        return Lengths.Fit($"{role} {http.Email() ?? http.User.FindFirst(TalentNetClaims.Subject)?.Value ?? http.User.Identity?.Name ?? "unknown"}", Lengths.Actor);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "An audit entry ({Action}, subject {SubjectId}) could not be written")]
    private partial void LogNotWritten(Exception exception, string action, Guid? subjectId);
}

public static class AuditRegistration
{
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddSingleton(new MigrationModule("audit", typeof(AuditRegistration).Assembly, Order: 30));
        services.AddSingleton<AuditLog>();
        return services;
    }

    /// <summary>Audits every change made through the group, and the reads its endpoints mark with <see cref="ReadsSensitiveData"/>.</summary>
    public static TBuilder Audited<TBuilder>(this TBuilder group)
        where TBuilder : IEndpointConventionBuilder
    {
        group.Add(endpoint => endpoint.FilterFactories.Add((_, next) => async invocation =>
        {
            var result = await next(invocation);
            var http = invocation.HttpContext;
            var read = http.GetEndpoint()?.Metadata.GetMetadata<AuditedRead>();
            var action = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
                ? (read is not null && read.ShowsSensitiveData(http) ? AuditAction.Read : (AuditAction?)null)
                : AuditAction.Change;
            if (action is { } audited)
            {
                // The result is executed after the filter: its status is known when the answer starts, and the entry is written before it goes.
                var log = http.RequestServices.GetRequiredService<AuditLog>();
                http.Response.OnStarting(() => http.Response.StatusCode is >= 200 and < 300 ? log.RecordAsync(http, audited) : Task.CompletedTask);
            }

            return result;
        }));
        return group;
    }

    /// <summary>Marks a read (of an <see cref="Audited{TBuilder}"/> group) whose answer holds exit-interview data, HR's notes or recommendation text for the callers <paramref name="showsSensitiveData"/> names.</summary>
    public static RouteHandlerBuilder ReadsSensitiveData(this RouteHandlerBuilder endpoint, Func<HttpContext, bool> showsSensitiveData) =>
        endpoint.WithMetadata(new AuditedRead(showsSensitiveData));
}
