using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Audit;

/// <summary>
/// GET /api/privacy/export?email=: subject access in each service, alike everywhere (hr and admin, the
/// read audited, a bad address 400); the service says what it holds about the (normalized) address.
/// </summary>
public static class PersonalDataExport
{
    public static RouteHandlerBuilder MapPersonalDataExport<TResponse>(
        this RouteGroupBuilder privacy, string whatIsHeld, Func<string, Database, HttpContext, CancellationToken, Task<TResponse>> export)
    {
        ArgumentNullException.ThrowIfNull(privacy);
        ArgumentNullException.ThrowIfNull(export);
        return privacy.MapGet("/export", async Task<Results<Ok<TResponse>, ValidationProblem>> ([MaxLength(Lengths.Email)] string? email, Database database, HttpContext http, CancellationToken cancellationToken) =>
            {
                var validation = new Validation().Email("email", email);
                return validation.IsValid
                    ? TypedResults.Ok(await export(Validation.NormalizeEmail(email!), database, http, cancellationToken))
                    : validation.ToProblem();
            })
            .WithName("ExportPersonalData")
            .WithSummary("Everything this service holds about the person with an email address (subject access)")
            .WithDescription($"{whatIsHeld} The gateway's GET /api/privacy/export gathers every service's answer.")
            .RequireRoles(Roles.Hr, Roles.Admin)
            .ReadsSensitiveData(_ => true)
            .ProducesValidationProblem();
    }
}
