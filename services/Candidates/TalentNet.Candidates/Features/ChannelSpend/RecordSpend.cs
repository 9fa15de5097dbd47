using System.Data.Common;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Candidates.Features.ChannelSpend;

/// <summary>POST /api/channel-spend: what a channel (and campaign) cost in a month.</summary>
public static class RecordSpend
{
    internal const string InsertSql =
        """
        INSERT INTO channel_spend (id, channel, campaign, month, amount, currency, created_at, updated_at, version)
        VALUES (@Id, @Channel, @Campaign, @Month, @Amount, @Currency, @Now, @Now, 1)
        """;

    public static void Map(RouteGroupBuilder spend) =>
        spend.MapPost("/", Handle)
            .WithName("RecordChannelSpend")
            .WithSummary("Record what a channel or campaign cost in a month")
            .WithDescription("One amount per channel, campaign and month (409 with the existing one's link). The amount is in the reporting currency (Reporting:Currency; another currency is 422), at most 2 decimals.")
            .RequireRoles(CandidatesApi.SpendWriters)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Created<ChannelSpend.Response>, ValidationProblem, ProblemHttpResult>> Handle(
        ChannelSpend.Fields request, Database database, ReportingOptions reporting, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
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

        var now = clock.GetUtcNow();
        var id = TimeOrderedId.New(now);
        var parameters = ChannelSpend.Parameters(id, request, reporting.Currency, now);
        await using var session = await database.BeginAsync(cancellationToken);
        if (await session.Connection.ExecuteScalarAsync<Guid?>(ChannelSpend.SameKeySql, parameters, session.Transaction) is { } existing)
        {
            return ChannelSpend.Duplicate(existing);
        }

        await session.Connection.ExecuteAsync(InsertSql, parameters, session.Transaction);
        var created = (await ChannelSpend.FindAsync(session.Connection, id, session.Transaction))!;
        try
        {
            await session.CommitAsync(cancellationToken);
        }
        catch (DbException exception) when (DbErrors.IsUniqueViolation(exception))
        {
            return ApiProblems.Conflict("The same spend was recorded concurrently; read the list to find it.");
        }

        http.Response.Headers.ETag = ETags.For(created.Version);
        return TypedResults.Created($"/api/channel-spend/{id}", created);
    }
}
