using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Candidates.Features.ChannelSpend;

/// <summary>PUT /api/channel-spend/{id}: corrects a recorded amount (or its channel, campaign or month).</summary>
public static class UpdateSpend
{
    internal const string UpdateSql =
        """
        UPDATE channel_spend SET channel = @Channel, campaign = @Campaign, month = @Month, amount = @Amount, currency = @Currency,
            updated_at = @Now, version = version + 1
        WHERE id = @Id
        """;

    public static void Map(RouteGroupBuilder spend) =>
        spend.MapPut("/{id:guid}", Handle)
            .WithName("UpdateChannelSpend")
            .WithSummary("Correct recorded spend")
            .WithDescription("Replaces channel, campaign, month and amount. Send If-Match with the ETag you read (412 when stale).")
            .RequireRoles(CandidatesApi.SpendWriters)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Ok<ChannelSpend.Response>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, ChannelSpend.Fields request, [FromHeader(Name = "If-Match"), MaxLength(Lengths.ETag)] string? ifMatch,
        Database database, ReportingOptions reporting, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        ChannelSpend.Validate(request, validation);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        if (ChannelSpend.Refusal(request, reporting) is { } refused)
        {
            return refused;
        }

        await using var session = await database.BeginAsync(cancellationToken);
        var current = await ChannelSpend.FindAsync(session.Connection, id, session.Transaction);
        if (ApiProblems.Refuses(current, "Channel spend", id, found => found.Version, ifMatch, out var refusal))
        {
            return refusal;
        }

        var parameters = ChannelSpend.Parameters(id, request, reporting.Currency, clock.GetUtcNow());
        if (await session.Connection.ExecuteScalarAsync<Guid?>(ChannelSpend.SameKeySql, parameters, session.Transaction) is { } existing)
        {
            return ChannelSpend.Duplicate(existing);
        }

        await session.Connection.ExecuteAsync(UpdateSql, parameters, session.Transaction);
        var updated = (await ChannelSpend.FindAsync(session.Connection, id, session.Transaction))!;
        await session.CommitAsync(cancellationToken);
        http.Response.Headers.ETag = ETags.For(updated.Version);
        return TypedResults.Ok(updated);
    }
}
