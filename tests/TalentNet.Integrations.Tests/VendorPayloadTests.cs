using System.Text.Json;
using TalentNet.Contracts;
using TalentNet.Contracts.Integrations;
using TalentNet.Integrations;
using TalentNet.Integrations.Features.AtsWebhooks;

namespace TalentNet.Integrations.Tests;

/// <summary>Each handled action, read from the vendor's own sample payload, and what TalentNet makes of it.</summary>
public sealed class VendorPayloadTests
{
    private static readonly IntegrationsOptions Defaults = new();
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Greenhouse_new_candidate_application_is_the_candidate_the_job_the_channel_and_the_stage()
    {
        var received = Assert.IsType<AtsApplicationReceived>(Event(ReceiveGreenhouse.Read(Root("greenhouse", "new_candidate_application"), "evt-1", Defaults)));
        var application = received.Application;
        Assert.Equal(("greenhouse", "71980812"), (application.System, application.ExternalId));
        Assert.Equal(Channel.LinkedIn, application.Channel);
        Assert.Equal("LinkedIn (Prospecting)", application.SourceName);
        Assert.Equal("Preliminary Phone Screen", application.StageName);
        Assert.Equal(DateTimeOffset.Parse("2017-10-27T14:44:43Z", System.Globalization.CultureInfo.InvariantCulture), application.AppliedAt);
        Assert.Equal(["person@example.com", "person@work.com"], application.Candidate.Emails);
        Assert.Equal(("274075", "Data Scientist"), (application.Job.ExternalId, application.Job.Title));
        Assert.False(string.IsNullOrEmpty(application.Candidate.FullName));
    }

    [Fact]
    public void Greenhouse_stage_change_and_hire_carry_their_times_and_map_agency_and_job_boards()
    {
        var moved = Assert.IsType<AtsStageChanged>(Event(ReceiveGreenhouse.Read(Root("greenhouse", "candidate_stage_change"), null, Defaults)));
        Assert.Equal(("Assessment", Channel.Agency), (moved.Application.StageName, moved.Application.Channel));
        Assert.Equal(DateTimeOffset.Parse("2015-02-09T16:38:36Z", System.Globalization.CultureInfo.InvariantCulture), moved.ChangedAt);
        Assert.Equal("https://linkedin.example.com/ghurley", moved.Application.Candidate.Profiles["linkedin"]);

        var hired = Assert.IsType<AtsCandidateHired>(Event(ReceiveGreenhouse.Read(Root("greenhouse", "hire_candidate"), null, Defaults)));
        Assert.Equal(Channel.JobBoard, hired.Application.Channel);
        Assert.Equal(("323753", "Developer", "Technology"), (hired.Application.Job.ExternalId, hired.Application.Job.Title, hired.Application.Job.Department));
        Assert.Equal(DateTimeOffset.Parse("2014-11-20T22:49:14Z", System.Globalization.CultureInfo.InvariantCulture), hired.HiredAt);
        Assert.Equal("personal@example.com", hired.Application.Candidate.Emails[0]);
    }

    [Fact]
    public void Greenhouse_ping_is_acknowledged_and_an_action_we_do_not_handle_is_ignored()
    {
        Assert.Equal(DeliveryStatus.Acknowledged, ReceiveGreenhouse.Read(Root("greenhouse", "ping"), null, Defaults).Status);
        Assert.Equal(DeliveryStatus.Ignored, ReceiveGreenhouse.Read(Root("greenhouse", "reject_candidate"), null, Defaults).Status);
    }

    [Fact]
    public void Ashby_submit_stage_change_and_hire_map_like_the_others()
    {
        var received = Assert.IsType<AtsApplicationReceived>(Event(ReceiveAshby.Read(Root("ashby", "applicationSubmit"), Defaults)));
        Assert.Equal(("ashby", "3ae2b801-19f6-41ef-ad28-214bd731948f", Channel.LinkedIn), (received.Application.System, received.Application.ExternalId, received.Application.Channel));
        Assert.Equal(["adam.hart@example.com"], received.Application.Candidate.Emails);
        Assert.Equal("Application Review", received.Application.StageName);

        var moved = Assert.IsType<AtsStageChanged>(Event(ReceiveAshby.Read(Root("ashby", "candidateStageChange"), Defaults)));
        Assert.Equal("Technical Interview", moved.Application.StageName);
        Assert.Equal(DateTimeOffset.Parse("2026-10-12T14:00:00Z", System.Globalization.CultureInfo.InvariantCulture), moved.ChangedAt);
        Assert.IsType<AtsCandidateHired>(Event(ReceiveAshby.Read(Root("ashby", "candidateHire"), Defaults)));
        Assert.Equal(DeliveryStatus.Acknowledged, ReceiveAshby.Read(Root("ashby", "ping"), Defaults).Status);
    }

    [Fact]
    public void An_application_without_an_email_is_unusable_and_says_what_it_lacks()
    {
        var body = Webhook.Fixture("greenhouse", "new_candidate_application")
            .Replace("person@work.com", "", StringComparison.Ordinal).Replace("person@example.com", "", StringComparison.Ordinal);
        using var document = JsonDocument.Parse(body);
        var reading = ReceiveGreenhouse.Read(document.RootElement, null, Defaults);
        Assert.Equal(DeliveryStatus.Unusable, reading.Status);
        Assert.Contains("email", reading.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("LinkedIn (Prospecting)", Channel.LinkedIn)]
    [InlineData("Facebook Ads", Channel.Facebook)]
    [InlineData("Twitter", Channel.X)]
    [InlineData("X (formerly Twitter)", Channel.X)]
    [InlineData("YouTube", Channel.YouTube)]
    [InlineData("Instagram story", Channel.Instagram)]
    [InlineData("Employee Referral", Channel.EmployeeReferral)]
    [InlineData("Agency", Channel.Agency)]
    [InlineData("Indeed", Channel.JobBoard)]
    [InlineData("Monster", Channel.JobBoard)]
    [InlineData("Xerox alumni mixer", Channel.AlumniReferral)]
    [InlineData("Xing", Channel.Other)]
    [InlineData("Company newsletter", Channel.Other)]
    [InlineData(null, Channel.Other)]
    public void Source_names_map_to_the_channel_taxonomy(string? source, Channel expected) =>
        Assert.Equal(expected, ChannelRules.For(source, new Dictionary<string, string>()));

    [Fact]
    public void Configured_source_rules_come_before_the_built_in_ones() =>
        Assert.Equal(Channel.Event, ChannelRules.For("LinkedIn Live event", new Dictionary<string, string> { ["live event"] = "event" }));

    private static JsonElement Root(string vendor, string name) => JsonDocument.Parse(Webhook.Fixture(vendor, name)).RootElement;

    private static IIntegrationEvent Event(AtsReading reading)
    {
        Assert.Equal(DeliveryStatus.Applied, reading.Status);
        return reading.ToEvent!(Guid.CreateVersion7(), Now);
    }
}
