using System.Globalization;
using System.Net;
using System.Text;
using TalentNet.Contracts;

namespace TalentNet.Recommendations.Features.Notifications;

/// <summary>A composed mail: subject, plain text and HTML with the same words.</summary>
public sealed record MailContent(string Subject, string Text, string Html);

/// <summary>What a mail about one request says.</summary>
public sealed record RequestFacts(
    string AlumnusName, string? ManagerName, string Department, string Role, DateOnly LastDay, DateOnly DueOn, Uri Link, int? DaysFromDue);

/// <summary>One overdue request in HR's digest.</summary>
public sealed record OverdueRequest(string AlumnusName, string ManagerEmail, string Department, DateOnly DueOn);

/// <summary>The mails' words in Norwegian Bokmål and English; values are HTML-encoded in the HTML part.</summary>
public static class MailTemplates
{
    public static MailContent Compose(MailKind kind, Language language, RequestFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var nb = language == Language.Nb;
        string Date(DateOnly day) => DateIn(day, nb);
        var greeting = facts.ManagerName is { Length: > 0 } name ? (nb ? $"Hei {name}," : $"Hello {name},") : (nb ? "Hei," : "Hello,");
        var left = nb
            ? $"{facts.AlumnusName} sluttet som {facts.Role} i {facts.Department} {Date(facts.LastDay)}."
            : $"{facts.AlumnusName} left {facts.Department} as {facts.Role} on {Date(facts.LastDay)}.";
        var (subject, lines, action) = kind switch
        {
            MailKind.RequestCreated => nb
                ? ($"Vil du anbefale {facts.AlumnusName}?", new[] { left, $"{facts.AlumnusName} ønsker en anbefaling fra deg. Skriv noen linjer innen {Date(facts.DueOn)}." }, "Skriv anbefalingen")
                : ($"Would you recommend {facts.AlumnusName}?", new[] { left, $"{facts.AlumnusName} would like a recommendation from you. Please write a few lines by {Date(facts.DueOn)}." }, "Write the recommendation"),
            MailKind.Reminder => nb
                ? ($"Påminnelse: anbefaling for {facts.AlumnusName}", new[] { left, Due(facts, nb, Date) }, "Skriv anbefalingen")
                : ($"Reminder: a recommendation for {facts.AlumnusName}", new[] { left, Due(facts, nb, Date) }, "Write the recommendation"),
            MailKind.Expired => nb
                ? ($"Forespørselen om anbefaling for {facts.AlumnusName} er utløpt", new[] { left, $"Forespørselen var ubesvart {Date(facts.DueOn)} og er nå lukket. HR kan åpne en ny." }, "Se forespørselen")
                : ($"The request for a recommendation for {facts.AlumnusName} has expired", new[] { left, $"It was unanswered on {Date(facts.DueOn)} and is now closed. HR can open a new one." }, "See the request"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a mail about one request."),
        };
        return Build(subject, greeting, lines, action, facts.Link, nb);
    }

    public static MailContent Digest(Language language, IReadOnlyList<OverdueRequest> overdue, Uri link)
    {
        ArgumentNullException.ThrowIfNull(overdue);
        var nb = language == Language.Nb;
        var items = overdue.Select(request => nb
            ? $"{request.AlumnusName} ({request.Department}): {request.ManagerEmail}, frist {DateIn(request.DueOn, nb)}"
            : $"{request.AlumnusName} ({request.Department}): {request.ManagerEmail}, due {DateIn(request.DueOn, nb)}").ToList();
        var subject = nb ? $"Forfalte forespørsler om anbefaling: {overdue.Count}" : $"Overdue recommendation requests: {overdue.Count}";
        var intro = overdue.Count == 0
            ? (nb ? "Ingen forespørsler er forfalt denne uken." : "No request is overdue this week.")
            : (nb ? "Disse forespørslene er ikke besvart innen fristen:" : "These requests were not answered by their due date:");
        return Build(subject, nb ? "Hei," : "Hello,", [intro, .. items], nb ? "Se alle forespørsler" : "See all requests", link, nb);
    }

    /// <summary>To an alumnus: the welcome or a link they asked for, with their personal link and until when it opens.</summary>
    public static MailContent AlumniLink(MailKind kind, Language language, string fullName, Uri link, DateTimeOffset expiresAt)
    {
        var nb = language == Language.Nb;
        var until = expiresAt.ToUniversalTime();
        var when = $"{DateIn(DateOnly.FromDateTime(until.UtcDateTime), nb)} {until:HH:mm} UTC";
        var greeting = nb ? $"Hei {fullName}," : $"Hello {fullName},";
        var personal = nb
            ? $"Lenken er personlig og åpner siden én gang, fram til {when}. Etterpå kan du be om en ny lenke på siden."
            : $"The link is personal and opens the page once, until {when}. You can ask for a new link on the page afterwards.";
        var (subject, lines) = kind switch
        {
            MailKind.AlumniWelcome => nb
                ? ("Velkommen i alumninettverket", new[]
                {
                    "Takk for tiden hos oss. Du er nå med i alumninettverket vårt, slik du valgte da du sluttet.",
                    "På alumnisiden din ser du hva vi har lagret om deg, endrer samtykkene dine, oppdaterer kontaktopplysningene, anbefaler noen til en ledig stilling eller melder deg av.",
                    personal,
                })
                : ("Welcome to the alumni network", new[]
                {
                    "Thank you for your time with us. You are now part of our alumni network, as you chose when you left.",
                    "On your alumni page you see what we hold about you, change your consents, update your contact details, refer someone for an open job, or opt out.",
                    personal,
                }),
            MailKind.AlumniLink => nb
                ? ("Lenken til alumnisiden din", new[] { "Du ba om en lenke til alumnisiden din.", personal, "Ba du ikke om den, kan du se bort fra denne e-posten." })
                : ("Your link to the alumni page", new[] { "You asked for a link to your alumni page.", personal, "If you did not ask for it, you can ignore this mail." }),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a mail to an alumnus."),
        };
        return Build(subject, greeting, lines, nb ? "Åpne alumnisiden" : "Open your alumni page", link, nb);
    }

    // The services run in globalization-invariant mode (no ICU): month names are spelt here.
    private static readonly string[] NorwegianMonths = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"];

    private static readonly string[] EnglishMonths = [.. Enumerable.Range(1, 12).Select(month => CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month))];

    private static string DateIn(DateOnly day, bool nb) =>
        nb ? $"{day.Day}. {NorwegianMonths[day.Month - 1]} {day.Year}" : $"{day.Day} {EnglishMonths[day.Month - 1]} {day.Year}";

    private static string Due(RequestFacts facts, bool nb, Func<DateOnly, string> date) => facts.DaysFromDue switch
    {
        < 0 => nb ? $"Fristen er {date(facts.DueOn)}." : $"It is due on {date(facts.DueOn)}.",
        0 => nb ? "Fristen er i dag." : "It is due today.",
        _ => nb ? $"Fristen var {date(facts.DueOn)}." : $"It was due on {date(facts.DueOn)}.",
    };

    private static MailContent Build(string subject, string greeting, IReadOnlyList<string> lines, string action, Uri link, bool nb)
    {
        var signature = nb ? "Med vennlig hilsen\nHR" : "Kind regards,\nHR";
        var text = new StringBuilder().AppendLine(greeting).AppendLine();
        foreach (var line in lines)
        {
            text.AppendLine(line);
        }

        text.AppendLine().AppendLine($"{action}: {link}").AppendLine().AppendLine(signature);
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"").Append(nb ? "nb" : "en").Append("\"><body>")
            .Append("<p>").Append(WebUtility.HtmlEncode(greeting)).Append("</p>");
        foreach (var line in lines)
        {
            html.Append("<p>").Append(WebUtility.HtmlEncode(line)).Append("</p>");
        }

        html.Append("<p><a href=\"").Append(WebUtility.HtmlEncode(link.ToString())).Append("\">").Append(WebUtility.HtmlEncode(action)).Append("</a></p>")
            .Append("<p>").Append(WebUtility.HtmlEncode(signature).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</p></body></html>");
        return new MailContent(subject, text.ToString(), html.ToString());
    }
}
