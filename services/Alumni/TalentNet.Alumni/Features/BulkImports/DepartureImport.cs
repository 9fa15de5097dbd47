using TalentNet.Alumni.Features.Alumni;
using System.Globalization;
using TalentNet.Alumni.Features.AlumniPage;
using TalentNet.Alumni.Features.Departures;
using TalentNet.BulkImport;
using TalentNet.Contracts;
using TalentNet.Messaging;
using TalentNet.Storage;
using static TalentNet.Alumni.Features.Departures.RecordDeparture;

namespace TalentNet.Alumni.Features.BulkImports;

/// <summary>
/// POST /api/imports/departures: an HRIS export, one departure per row, recorded as POST
/// /api/departures records one (manager and consents as columns). The same file again records nothing.
/// </summary>
public sealed class DepartureImport(Outbox outbox, AlumniOptions options, AlumniLinks links, SuppressionList suppression) : ImportKind
{
    // The request's nested fields, as the columns that carry them.
    private static readonly Dictionary<string, string> Columns = new(StringComparer.Ordinal)
    {
        ["manager"] = "managerName", ["manager.name"] = "managerName", ["manager.email"] = "managerEmail",
        ["exitInterview.notes"] = "exitNotes", ["exitInterview.sentiment"] = "sentiment",
    };

    public override string Name => "departures";

    public override IReadOnlyList<string> RequiredColumns { get; } =
        ["employeeId", "fullName", "workEmail", "department", "role", "managerName", "managerEmail", "lastDay", "reason"];

    public override IReadOnlyList<string> OptionalColumns { get; } =
    [
        "personalEmail", "startedOn", "linkedInUrl", "wouldReturn", "sentiment", "exitNotes", "skills",
        "consentAlumniNetwork", "consentRehireOutreach", "consentRecommendationRequest", "consentReferralAsk", "language",
    ];

    public override async Task<RowOutcome> ApplyAsync(DbSession session, ImportRow row, ImportContext context)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(context);
        var request = Parse(row);
        if (request is null)
        {
            return RowOutcome.Failed;
        }

        var validation = Validate(request);
        foreach (var (field, messages) in validation.Errors)
        {
            foreach (var message in messages)
            {
                row.Error(Columns.GetValueOrDefault(field, field), message);
            }
        }

        if (!validation.IsValid)
        {
            return RowOutcome.Failed;
        }

        if (await suppression.HoldsAnyAsync(session.Connection, session.Transaction, [request.WorkEmail, request.PersonalEmail]))
        {
            row.Error("workEmail", SuppressionList.Reason);
            return RowOutcome.Suppressed;
        }

        var body = Normalize(request);
        var recording = await RecordAsync(session, outbox, options, links, body, ChangeSource.Import, context.Now);
        var open = recording switch
        {
            Recording.Different different => different.Existing,
            Recording.StillOpen stillOpen => stillOpen.Current,
            _ => null,
        };
        if (open is null)
        {
            return recording is Recording.Recorded ? RowOutcome.Created : RowOutcome.Unchanged;
        }

        // A file from the HRIS says how a departure is now: a changed row corrects it.
        switch (await CorrectDeparture.CorrectAsync(session, outbox, options, open, body, context.Now))
        {
            case CorrectDeparture.Correction.Corrected:
                return RowOutcome.Updated;
            case CorrectDeparture.Correction.Unchanged:
                return RowOutcome.Unchanged;
            case CorrectDeparture.Correction.Clash:
                row.Error("lastDay", "This employee has another departure on that last day.");
                return RowOutcome.Failed;
            default:
                row.Error("lastDay", "The departure on that day was rescinded; it cannot be corrected.");
                return RowOutcome.Failed;
        }
    }

    private static Request? Parse(ImportRow row)
    {
        var startedOn = Date(row, "startedOn");
        var lastDay = Date(row, "lastDay");
        var reason = Vocabulary<DepartureReason>(row, "reason");
        var wouldReturn = Vocabulary<ReturnIntent>(row, "wouldReturn");
        var language = Vocabulary<Language>(row, "language");
        var consents = new ConsentsBody(
            Flag(row, "consentAlumniNetwork"), Flag(row, "consentRehireOutreach"), Flag(row, "consentRecommendationRequest"), Flag(row, "consentReferralAsk"));
        var exit = wouldReturn is null && row["sentiment"] is null && row["exitNotes"] is null ? null : new ExitInterview(wouldReturn, row["sentiment"], row["exitNotes"]);
        var skills = row["skills"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return row.Errors.Count > 0 ? null : new Request(
            row["employeeId"], row["fullName"], row["workEmail"], row["personalEmail"], row["department"], row["role"],
            new ManagerBody(row["managerName"], row["managerEmail"]), startedOn, lastDay, reason, exit, row["linkedInUrl"], consents, skills, language);
    }

    private static DateOnly? Date(ImportRow row, string column)
    {
        if (row[column] is not { } text)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        row.Error(column, "A date as YYYY-MM-DD.");
        return null;
    }

    private static TEnum? Vocabulary<TEnum>(ImportRow row, string column)
        where TEnum : struct, Enum
    {
        if (row[column] is not { } text)
        {
            return null;
        }

        if (Wire<TEnum>.TryParse(text, out var value))
        {
            return value;
        }

        row.Error(column, $"Must be one of: {string.Join(", ", Wire<TEnum>.Names)}.");
        return null;
    }

    private static bool? Flag(ImportRow row, string column)
    {
        switch (row[column]?.ToLowerInvariant())
        {
            case null:
                return null;
            case "true" or "yes" or "1":
                return true;
            case "false" or "no" or "0":
                return false;
            default:
                row.Error(column, "true or false.");
                return null;
        }
    }
}
