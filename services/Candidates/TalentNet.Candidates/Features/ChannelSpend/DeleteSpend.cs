using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Candidates.Features.ChannelSpend;

/// <summary>DELETE /api/channel-spend/{id}: removes spend recorded by mistake.</summary>
public static class DeleteSpend
{
    internal const string DeleteSql = "DELETE FROM channel_spend WHERE id = @Id";

    public static void Map(RouteGroupBuilder spend) =>
        spend.MapDelete("/{id:guid}", Handle)
            .WithName("DeleteChannelSpend")
            .WithSummary("Delete recorded spend")
            .WithDescription("Send If-Match with the ETag you read to be sure it is the amount you saw (412 when stale).")
            .RequireRoles(CandidatesApi.SpendWriters)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

    public static async Task<Results<NoContent, ProblemHttpResult>> Handle(
        Guid id, [FromHeader(Name = "If-Match"), MaxLength(Lengths.ETag)] string? ifMatch, Database database, CancellationToken cancellationToken)
    {
        await using var session = await database.BeginAsync(cancellationToken);
        var current = await ChannelSpend.FindAsync(session.Connection, id, session.Transaction);
        if (ApiProblems.Refuses(current, "Channel spend", id, found => found.Version, ifMatch, out var refusal))
        {
            return refusal;
        }

        await session.Connection.ExecuteAsync(DeleteSql, new { Id = id }, session.Transaction);
        await session.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
