using TalentNet.Candidates.Features.Applications;
using TalentNet.Candidates.Features.Candidates;
using TalentNet.Candidates.Features.Jobs;
using TalentNet.Candidates.Features.Stats;
using TalentNet.Candidates.Features.TrackingLinks;
using TalentNet.ServiceDefaults.Auth;

namespace TalentNet.Candidates;

/// <summary>The Candidates service's endpoints; also the marker type tests host it by.</summary>
public static class CandidatesApi
{
    public const string ServiceName = "candidates";

    /// <summary>Who may change jobs, candidates and applications.</summary>
    public static readonly string[] Writers = [Roles.Recruiter, Roles.Admin];

    /// <summary>Who may read them.</summary>
    public static readonly string[] Readers = [Roles.Recruiter, Roles.Hr, Roles.Admin];

    public static WebApplication MapCandidatesApi(this WebApplication app)
    {
        var jobs = app.MapGroup("/api/jobs").WithTags("Jobs");
        OpenJob.Map(jobs);
        ListJobs.Map(jobs);
        GetJob.Map(jobs);
        UpdateJob.Map(jobs);
        CloseJob.Map(jobs);
        TrackingLink.Map(jobs);

        var candidates = app.MapGroup("/api/candidates").WithTags("Candidates");
        RegisterCandidate.Map(candidates);
        ListCandidates.Map(candidates);
        GetCandidate.Map(candidates);
        UpdateCandidate.Map(candidates);

        var applications = app.MapGroup("/api/applications").WithTags("Applications");
        SubmitApplication.Map(applications);
        ListApplications.Map(applications);
        GetApplication.Map(applications);
        ChangeStage.Map(applications);

        FunnelStats.Map(app.MapGroup("/api/stats").WithTags("Statistics"));
        return app;
    }
}
