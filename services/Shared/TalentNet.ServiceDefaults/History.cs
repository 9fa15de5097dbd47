using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;

namespace TalentNet.ServiceDefaults;

/// <summary>
/// Past times sent with a write (an application's appliedAt, a stage move's occurredAt, a
/// recommendation's givenAt): the path that history syncs and demo data take. Only systems of
/// record and admins may write history; a person acting now never sends a time.
/// </summary>
public static class History
{
    public static readonly string[] Recorders = [Roles.Integration, Roles.Admin];

    /// <summary>403 when a past time is sent by someone who may not record history, else null.</summary>
    public static ProblemHttpResult? RefuseUnlessRecorder(ClaimsPrincipal user, string field, DateTimeOffset? at)
    {
        ArgumentNullException.ThrowIfNull(user);
        return at is null || Recorders.Any(user.IsInRole)
            ? null
            : ApiProblems.Forbidden($"Only the {string.Join(" and ", Recorders)} roles may send {field}; leave it out to record the current time.");
    }

    /// <summary>A given time must not be in the future.</summary>
    public static Validation PastTime(this Validation validation, string field, DateTimeOffset? at, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(validation);
        return at is { } time ? validation.Check(time <= now, field, "Must not be in the future.") : validation;
    }
}
