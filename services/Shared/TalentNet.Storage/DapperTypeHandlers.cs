using System.Data;
using System.Globalization;
using Dapper;
using Microsoft.Data.SqlClient;

namespace TalentNet.Storage;

/// <summary>
/// SQLite has no Guid, date or offset types: values travel as TEXT. These handlers make Guid,
/// DateTimeOffset and DateOnly round-trip on both providers. Instants are stored in UTC in a
/// fixed-width ISO 8601 form so that SQLite compares and sorts them correctly as text.
/// </summary>
public static class DapperTypeHandlers
{
    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1)
        {
            return;
        }

        // Dapper consults its built-in type map before handlers; without removing these entries the
        // handlers below would only ever read values, never write parameters.
        foreach (var type in new[] { typeof(Guid), typeof(Guid?), typeof(DateTimeOffset), typeof(DateTimeOffset?), typeof(DateOnly), typeof(DateOnly?) })
        {
            SqlMapper.RemoveTypeMap(type);
        }

        SqlMapper.AddTypeHandler(new GuidHandler());
        SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
        SqlMapper.AddTypeHandler(new DateOnlyHandler());
        SqlMapper.AddTypeHandler(new Money.Handler());
    }

    /// <summary>
    /// A value as SQLite stores it, as the handlers write it. Dapper expands a list for IN without the
    /// handlers, so the SQLite command passes every parameter through this too (a Guid would go as a BLOB
    /// and match no TEXT id).
    /// </summary>
    public static object? SqliteValue(object? value) => value switch
    {
        Guid guid => guid.ToString("D"),
        DateTimeOffset instant => ToSqliteText(instant),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => value,
    };

    /// <summary>The text form an instant takes in SQLite; also usable when building SQL literals.</summary>
    public static string ToSqliteText(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private sealed class GuidHandler : SqlMapper.TypeHandler<Guid>
    {
        public override void SetValue(IDbDataParameter parameter, Guid value)
        {
            if (parameter is SqlParameter)
            {
                parameter.DbType = DbType.Guid;
                parameter.Value = value;
            }
            else
            {
                parameter.DbType = DbType.String;
                parameter.Value = SqliteValue(value);
            }
        }

        public override Guid Parse(object value) => value switch
        {
            Guid guid => guid,
            string text => Guid.Parse(text),
            byte[] bytes => new Guid(bytes),
            _ => throw new DataException($"Cannot read a Guid from {value.GetType().Name}."),
        };
    }

    private sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            if (parameter is SqlParameter)
            {
                parameter.DbType = DbType.DateTimeOffset;
                parameter.Value = value.ToUniversalTime();
            }
            else
            {
                parameter.DbType = DbType.String;
                parameter.Value = SqliteValue(value);
            }
        }

        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTimeOffset offset => offset,
            DateTime dateTime => new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)),
            string text => ParseSqliteText(text),
            _ => throw new DataException($"Cannot read a DateTimeOffset from {value.GetType().Name}."),
        };

        // What this code writes is the round-trip ("O") form in UTC, which .NET parses on a fast
        // path (only with no styles, hence the explicit 'Z' check); anything else, such as rows
        // written by hand or by other tools, takes the general parser.
        private static DateTimeOffset ParseSqliteText(string text) =>
            text.EndsWith('Z') && DateTimeOffset.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
                ? parsed
                : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }

    private sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
    {
        public override void SetValue(IDbDataParameter parameter, DateOnly value)
        {
            if (parameter is SqlParameter)
            {
                parameter.DbType = DbType.Date;
                parameter.Value = value.ToDateTime(TimeOnly.MinValue);
            }
            else
            {
                parameter.DbType = DbType.String;
                parameter.Value = SqliteValue(value);
            }
        }

        public override DateOnly Parse(object value) => value switch
        {
            DateOnly date => date,
            DateTime dateTime => DateOnly.FromDateTime(dateTime),
            string text => DateOnly.ParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => throw new DataException($"Cannot read a DateOnly from {value.GetType().Name}."),
        };
    }
}
