using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Candidates.Features.Applications;

/// <summary>GET /api/applications/{id}: the application with its full stage history.</summary>
public static class GetApplication
{
    public static void Map(RouteGroupBuilder applications) =>
        applications.MapGet("/{id:guid}", Handle)
            .WithName("GetApplication")
            .WithSummary("Read an application with its stage history (from, to, who, when, reason)")
            .RequireRoles(CandidatesApi.Readers)
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<ApplicationResponse>, ProblemHttpResult>> Handle(
        Guid id, Database database, HttpContext http, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var application = await Application.FindAsync(connection, id);
        if (application is null)
        {
            return ApiProblems.NotFound("Application", id);
        }

        http.Response.Headers.ETag = ETags.For(application.Version);
        return TypedResults.Ok(application);
    }
}
