using TalentNet.Messaging;
using TalentNet.Alumni.Features.BulkImports;
using TalentNet.Audit;
using TalentNet.BulkImport;
using Microsoft.AspNetCore.Authentication;
using TalentNet.Alumni.Features.Alumni;
using TalentNet.Alumni.Features.AlumniPage;
using TalentNet.Alumni.Features.Boomerangs;
using TalentNet.Alumni.Features.Dashboard;
using TalentNet.Alumni.Features.Departures;
using TalentNet.Alumni.Features.Privacy;
using TalentNet.Audit.Retention;
using TalentNet.Alumni.Features.Referrals;
using TalentNet.Alumni.Features.Stats;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.OpenApi;

namespace TalentNet.Alumni;

/// <summary>The Alumni service's endpoints.</summary>
public static class AlumniApi
{
    public const string ServiceName = "alumni";

    /// <summary>Who records departures (HR and the HRIS integration).</summary>
    public static readonly string[] DepartureWriters = [Roles.Hr, Roles.Integration, Roles.Admin];

    /// <summary>Who lists departures, reasons included.</summary>
    public static readonly string[] DepartureReaders = [Roles.Hr, Roles.Admin];

    /// <summary>Who changes alumni (eligibility, consents, contact details).</summary>
    public static readonly string[] Writers = [Roles.Hr, Roles.Admin];

    /// <summary>Who reads the alumni network.</summary>
    public static readonly string[] Readers = [Roles.Recruiter, Roles.Hr, Roles.Integration, Roles.Admin];

    /// <summary>Who imports files of departures from an HRIS.</summary>
    public static readonly string[] Importers = [Roles.Hr, Roles.Integration, Roles.Admin];

    /// <summary>Who reads the HR dashboard's numbers.</summary>
    public static readonly string[] DashboardReaders = [Roles.Hr, Roles.Admin];

    public static WebApplicationBuilder AddAlumniFeatures(this WebApplicationBuilder builder)
    {
        builder.Services.AddCheckedOptions<AlumniOptions>(AlumniOptions.Section);
        builder.Services.AddImports(builder.Configuration, ServiceName);
        builder.Services.AddSingleton<ImportKind, DepartureImport>();
        builder.Services.AddSingleton<AlumniLinks>();
        builder.Services.AddAudit();
        builder.Services.AddSuppressionList(builder.Configuration);
        builder.Services.AddSingleton<IRetentionRule, ExitInterviewNotesRule>();
        builder.Services.AddSingleton<IRetentionRule, OptedOutAlumniRule>();
        builder.Services.AddRetention(services => services.GetRequiredService<AlumniOptions>().Retention.SweepInterval);
        builder.Services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, AlumnusSession>(AlumnusSession.SchemeName, null);
        builder.Services.AddSessionCookieScheme(AlumnusSession.Documented);
        return builder;
    }

    public static WebApplication MapAlumniApi(this WebApplication app)
    {
        var departures = app.MapGroup("/api/departures").WithDescribedTag("Departures", "Departures recorded by HR or an HRIS: each makes the leaver an alumnus.").Audited();
        RecordDeparture.Map(departures);
        GetDeparture.Map(departures);
        ListDepartures.Map(departures);
        CorrectDeparture.Map(departures);
        RescindDeparture.Map(departures);
        var alumni = app.MapGroup("/api/alumni").WithDescribedTag("Alumni", "The alumni network: search, contact details, consents, rehire eligibility, timeline and referrals.").Audited();
        ListAlumni.Map(alumni);
        GetAlumnus.Map(alumni);
        GetTimeline.Map(alumni);
        ChangeAlumnus.Map(alumni);
        OverrideEligibility.Map(alumni);
        SetLegalHold.Map(alumni);
        OptOut.Map(alumni);
        ReferCandidate.Map(alumni);
        ListReferrals.Map(alumni);
        ListBoomerangs.Map(app.MapGroup("/api/boomerangs").WithDescribedTag("Boomerangs", "Former employees hired again, with the months they were away."));
        ReturnDashboard.Map(app.MapGroup("/api/dashboard").WithDescribedTag("Dashboard", "The HR dashboard's return numbers, read from counts kept with every write."));
        AlumniStats.Map(app.MapGroup("/api/stats").WithDescribedTag("Statistics", "Boomerang rate, share of hires, months away, referrals and return rate by recommendation outcome."));
        app.MapImports(Importers);
        app.MapAlumniPage();
        app.MapAudit();
        var privacy = app.MapGroup("/api/privacy").WithDescribedTag("Privacy", "Subject access (everything this service holds about a person), erasure across every service, and retention.").Audited();
        ExportPersonalData.Map(privacy);
        privacy.MapRetention();
        RequestErasure.Map(privacy);
        GetErasureRequest.Map(privacy);
        return app;
    }
}
