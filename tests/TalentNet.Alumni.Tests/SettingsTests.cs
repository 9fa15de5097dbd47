using Microsoft.Extensions.Options;
using TalentNet.Testing;

namespace TalentNet.Alumni.Tests;

/// <summary>A bad setting stops the start with a message that names its key.</summary>
public sealed class SettingsTests
{
    [Theory]
    [InlineData("Alumni:EligibilityByReason:bored", "eligible", "Alumni:EligibilityByReason:bored is not a departure reason")]
    [InlineData("Alumni:EligibilityByReason:layoff", "maybe", "Alumni:EligibilityByReason:layoff = 'maybe' is not an eligibility")]
    public async Task A_mapping_outside_the_vocabulary_stops_the_start(string key, string value, string message)
    {
        await using var host = new ServiceHost<AlumniProgram>(TestDatabase.NewPath("alumni-settings"), rabbitMqUrl: null, new Dictionary<string, string?> { [key] = value });
        var failure = Assert.Throws<OptionsValidationException>(() => host.CreateClient());
        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }
}
