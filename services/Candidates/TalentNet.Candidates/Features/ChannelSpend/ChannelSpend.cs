using System.ComponentModel.DataAnnotations;
using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Contracts;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Candidates.Features.ChannelSpend;

/// <summary>
/// What a social channel (and one of its campaigns) cost in a month: the "return" in the return on
/// social channels. One amount per channel, campaign and month, in the installation's reporting currency.
/// </summary>
public static class ChannelSpend
{
    /// <summary>The body of POST /api/channel-spend and PUT /api/channel-spend/{id}.</summary>
    public sealed record Fields(
        Channel? Channel,
        [property: MaxLength(Lengths.Campaign)] string? Campaign,
        [property: MaxLength(Lengths.Month)] string? Month,
        decimal? Amount,
        [property: MaxLength(CurrencyLength)] string? Currency);

    /// <summary>An ISO 4217 code.</summary>
    public const int CurrencyLength = 3;

    public sealed record Response(
        Guid Id, Channel Channel, string? Campaign, string Month, decimal Amount, string Currency,
        DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version);

    /// <summary>The amount is kept to the cent; money is never a floating-point number.</summary>
    public const int Decimals = 2;

    private const decimal MaxAmount = 1_000_000_000_000m;

    internal const string SelectColumns =
        """
        id AS Id, channel AS Channel, campaign AS Campaign, month AS Month, amount AS Amount, currency AS Currency,
        created_at AS CreatedAt, updated_at AS UpdatedAt, version AS Version
        """;

    internal static readonly string FindSql = $"SELECT {SelectColumns} FROM channel_spend WHERE id = @Id";

    // No campaign is stored as '' so that the key (channel, campaign, month) is unique on both providers.
    internal const string SameKeySql =
        "SELECT id FROM channel_spend WHERE channel = @Channel AND campaign = @Campaign AND month = @Month AND id <> @Id";

    /// <summary>Checks the fields; a currency other than the reporting one is for the caller to refuse (422).</summary>
    public static void Validate(Fields fields, Validation validation)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(validation);
        validation
            .Required("channel", fields.Channel)
            .Check(fields.Month is not null && TryParseMonth(fields.Month, out _), "month", "A month as YYYY-MM, between 2000-01 and 2100-12.")
            .Required("amount", fields.Amount)
            .Required("currency", fields.Currency, CurrencyLength);
        if (fields.Amount is { } amount)
        {
            validation.Check(amount > 0 && amount < MaxAmount, "amount", "More than 0 and less than 1,000,000,000,000.");
            validation.Check(decimal.Round(amount, Decimals) == amount, "amount", $"At most {Decimals} decimals.");
        }
    }

    public static bool TryParseMonth(string text, out DateOnly month)
    {
        var parsed = DateOnly.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out month);
        return parsed && month.Year is >= 2000 and <= 2100;
    }

    /// <summary>The parameters of an insert or update: the key normalised, the amount as stored money.</summary>
    internal static object Parameters(Guid id, Fields fields, string currency, DateTimeOffset now) => new
    {
        Id = id,
        Channel = fields.Channel!.Value.ToWire(),
        Campaign = fields.Campaign?.Trim() ?? "",
        Month = fields.Month,
        Amount = new Money(fields.Amount!.Value),
        Currency = currency,
        Now = now,
    };

    /// <summary>Spend is reported in one currency; converting is the recorder's business, not a guess of ours.</summary>
    internal static ProblemHttpResult? Refusal(Fields request, ReportingOptions reporting) =>
        string.Equals(request.Currency!.Trim(), reporting.Currency, StringComparison.OrdinalIgnoreCase)
            ? null
            : ApiProblems.InvalidTransition($"Spend is recorded in {reporting.Currency}, the reporting currency; convert the amount first.");

    internal static ProblemHttpResult Duplicate(Guid existing) =>
        ApiProblems.Conflict("Spend for this channel, campaign and month is recorded already; change that one instead.", $"/api/channel-spend/{existing}");

    public static async Task<Response?> FindAsync(DbConnection connection, Guid id, DbTransaction? transaction = null) =>
        (await connection.QuerySingleOrDefaultAsync<Row>(FindSql, new { Id = id }, transaction))?.ToResponse();

    internal sealed class Row
    {
        public Guid Id { get; init; }
        public string Channel { get; init; } = "";
        public string Campaign { get; init; } = "";
        public string Month { get; init; } = "";
        public Money Amount { get; init; }
        public string Currency { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }
        public int Version { get; init; }

        public Response ToResponse() => new(
            Id, Wire<Channel>.Parse(Channel), Campaign.Length == 0 ? null : Campaign, Month, Amount.Amount, Currency, CreatedAt, UpdatedAt, Version);
    }
}
