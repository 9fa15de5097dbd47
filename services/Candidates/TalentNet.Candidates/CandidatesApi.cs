using TalentNet.Messaging;
using TalentNet.Audit;
using TalentNet.Audit.Retention;
using TalentNet.Candidates.Features.Privacy;
using TalentNet.BulkImport;
using TalentNet.Candidates.Features.Applications;
using TalentNet.Candidates.Features.BulkImports;
using TalentNet.Candidates.Features.Candidates;
using TalentNet.Candidates.Features.ChannelSpend;
using TalentNet.Candidates.Features.Dashboard;
using TalentNet.Candidates.Features.Jobs;
using TalentNet.Candidates.Features.Stats;
using TalentNet.Candidates.Features.TrackingLinks;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.OpenApi;

namespace TalentNet.Candidates;

/// <summary>The Candidates service's endpoints and who may use them.</summary>
public static class CandidatesApi
{
    public const string ServiceName = "candidates";

    /// <summary>Who may change jobs, candidates and applications.</summary>
    public static readonly string[] Writers = [Roles.Recruiter, Roles.Admin];

    /// <summary>Who may register and update candidates, open applications and move stages: people, and the ATS or HRIS keeping them in step.</summary>
    public static readonly string[] PipelineWriters = [Roles.Recruiter, Roles.Integration, Roles.Admin];

    /// <summary>Who may read them.</summary>
    public static readonly string[] Readers = [Roles.Recruiter, Roles.Hr, Roles.Integration, Roles.Admin];

    /// <summary>Who imports files of applications from an ATS.</summary>
    public static readonly string[] Importers = [Roles.Integration, Roles.Admin];

    /// <summary>Who reads the HR dashboard's numbers.</summary>
    public static readonly string[] DashboardReaders = [Roles.Hr, Roles.Admin];

    /// <summary>Who records and reads what the channels cost.</summary>
    public static readonly string[] SpendWriters = [Roles.Recruiter, Roles.Hr, Roles.Admin];

    public static WebApplicationBuilder AddCandidatesFeatures(this WebApplicationBuilder builder)
    {
        builder.Services.AddCheckedOptions<ReportingOptions>(ReportingOptions.Section);
        builder.Services.AddCheckedOptions<AtsOptions>(AtsOptions.Section);
        builder.Services.AddCheckedOptions<CandidatesOptions>(CandidatesOptions.Section);
        builder.Services.AddSingleton<VisitorKey>();
        builder.Services.AddImports(builder.Configuration, ServiceName);
        builder.Services.AddAudit();
        builder.Services.AddSuppressionList(builder.Configuration);
        builder.Services.AddSingleton<ImportKind, ApplicationImport>();
        builder.Services.AddSingleton<IRetentionRule, CandidatesWithoutHireRule>();
        builder.Services.AddRetention(services => services.GetRequiredService<CandidatesOptions>().RetentionSweepInterval);
        return builder;
    }

    public static WebApplication MapCandidatesApi(this WebApplication app)
    {
        var jobs = app.MapGroup("/api/jobs").WithDescribedTag("Jobs", "Open, edit and close jobs with their pipelines, and create tracking links for social posts.");
        OpenJob.Map(jobs);
        ListJobs.Map(jobs);
        GetJob.Map(jobs);
        UpdateJob.Map(jobs);
        CloseJob.Map(jobs);
        CreateTrackingLink.Map(jobs);
        GetTrackingLink.Map(jobs);
        ListTrackingLinks.Map(jobs);
        FollowTrackingLink.Map(app);

        var candidates = app.MapGroup("/api/candidates").WithDescribedTag("Candidates", "Register, search, read and change candidates: contact details, profiles, tags and ATS ids.").Audited();
        RegisterCandidate.Map(candidates);
        ListCandidates.Map(candidates);
        GetCandidate.Map(candidates);
        UpdateCandidate.Map(candidates);
        MergeCandidates.Map(candidates);
        UpsertCandidate.Map(candidates);

        var applications = app.MapGroup("/api/applications").WithDescribedTag("Applications", "Applications with the channel they came from, their stage history and stage moves.").Audited();
        SubmitApplication.Map(applications);
        ListApplications.Map(applications);
        GetApplication.Map(applications);
        ChangeStage.Map(applications);

        ApplyFromCareersSite.Map(app.MapGroup("/api/careers").WithDescribedTag("Careers site", "What a public careers site may do with its key: send in applications, and nothing else."));

        var spend = app.MapGroup("/api/channel-spend").WithDescribedTag("Channel spend", "What each social channel and campaign cost per month, in the reporting currency.");
        RecordSpend.Map(spend);
        ListSpend.Map(spend);
        GetSpend.Map(spend);
        UpdateSpend.Map(spend);
        DeleteSpend.Map(spend);

        app.MapImports(Importers);
        app.MapAudit();
        var privacy = app.MapGroup("/api/privacy").WithDescribedTag("Privacy", "Subject access (everything this service holds about a person) and retention.").Audited();
        ExportPersonalData.Map(privacy);
        privacy.MapRetention();
        FunnelStats.Map(app.MapGroup("/api/stats").WithDescribedTag("Statistics", "The funnel per channel and per tracking link: applications, stages reached, hires."));
        ChannelDashboard.Map(app.MapGroup("/api/dashboard").WithDescribedTag("Dashboard", "The HR dashboard's social-channel numbers, read from counts kept with every write."));
        return app;
    }
}
