using TalentNet.Contracts;

namespace TalentNet.Integrations.Features.AtsWebhooks;

/// <summary>Which TalentNet channel an ATS source name means.</summary>
public static class ChannelRules
{
    // Checked in order; the first rule whose word the source name contains wins.
    private static readonly (string Word, Channel Channel)[] BuiltIn =
    [
        ("linkedin", Channel.LinkedIn), ("facebook", Channel.Facebook), ("twitter", Channel.X), ("youtube", Channel.YouTube),
        ("instagram", Channel.Instagram), ("alumni", Channel.AlumniReferral), ("referral", Channel.EmployeeReferral),
        ("referred", Channel.EmployeeReferral), ("agency", Channel.Agency), ("recruiter", Channel.Agency), ("indeed", Channel.JobBoard),
        ("monster", Channel.JobBoard), ("glassdoor", Channel.JobBoard), ("stepstone", Channel.JobBoard), ("finn", Channel.JobBoard),
        ("ziprecruiter", Channel.JobBoard), ("job board", Channel.JobBoard), ("jobboard", Channel.JobBoard), ("careers", Channel.CareersSite),
        ("company website", Channel.CareersSite), ("jobs page", Channel.CareersSite), ("event", Channel.Event), ("career fair", Channel.Event),
    ];

    /// <summary>Configured rules first, then the built-in ones; "X" counts only as a whole word. Anything else is <see cref="Channel.Other"/>.</summary>
    public static Channel For(string? sourceName, IReadOnlyDictionary<string, string> configured)
    {
        ArgumentNullException.ThrowIfNull(configured);
        if (string.IsNullOrWhiteSpace(sourceName))
        {
            return Channel.Other;
        }

        var name = sourceName.Trim();
        foreach (var (word, channel) in configured)
        {
            if (name.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return Wire<Channel>.Parse(channel);
            }
        }

        foreach (var (word, channel) in BuiltIn)
        {
            if (name.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return channel;
            }
        }

        var words = name.Split([' ', '(', ')', '-', '/', '.', ','], StringSplitOptions.RemoveEmptyEntries);
        return words.Any(part => string.Equals(part, "x", StringComparison.OrdinalIgnoreCase)) ? Channel.X : Channel.Other;
    }
}
