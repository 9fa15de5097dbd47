using System.Data;
using System.Globalization;
using Dapper;
using Microsoft.Data.SqlClient;

namespace TalentNet.Storage;

/// <summary>
/// An amount of money as it is stored: exact on both providers. SQL Server keeps it in a
/// <c>decimal(19,4)</c> column; SQLite, which has no decimal type, in an <c>INTEGER</c> column as a
/// count of ten-thousandths, so that it round-trips exactly and <c>SUM</c> stays exact.
/// </summary>
public readonly record struct Money(decimal Amount)
{
    /// <summary>Decimal places kept; the SQL Server column is <c>decimal(19,4)</c>.</summary>
    public const int Scale = 4;

    private const decimal UnitsPerWhole = 10_000m;

    /// <summary>The SQLite form: a whole number of ten-thousandths; more decimals than that are refused.</summary>
    public long ToSqliteUnits()
    {
        var units = Amount * UnitsPerWhole;
        if (decimal.Truncate(units) != units)
        {
            throw new ArgumentException($"Money keeps at most {Scale} decimals: {Amount.ToString(CultureInfo.InvariantCulture)}.");
        }

        return decimal.ToInt64(units);
    }

    internal sealed class Handler : SqlMapper.TypeHandler<Money>
    {
        public override void SetValue(IDbDataParameter parameter, Money value)
        {
            if (parameter is SqlParameter)
            {
                parameter.DbType = DbType.Decimal;
                parameter.Precision = 19;
                parameter.Scale = Scale;
                parameter.Value = value.Amount;
            }
            else
            {
                parameter.DbType = DbType.Int64;
                parameter.Value = value.ToSqliteUnits();
            }
        }

        public override Money Parse(object value) => value switch
        {
            long units => new Money(units / UnitsPerWhole),
            int units => new Money(units / UnitsPerWhole),
            decimal amount => new Money(amount),
            _ => throw new DataException($"Money is stored exactly; a {value.GetType().Name} is not a money value."),
        };
    }
}
