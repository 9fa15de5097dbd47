using TalentNet.Recommendations.Features.OpenJobs;
using TalentNet.ServiceDefaults.Auth;

namespace TalentNet.Recommendations;

/// <summary>The Recommendations service's endpoints; also the marker type tests host it by.</summary>
public static class RecommendationsApi
{
    public const string ServiceName = "recommendations";

    public static readonly string[] Readers = [Roles.Recruiter, Roles.Hr, Roles.Admin];

    public static WebApplication MapRecommendationsApi(this WebApplication app)
    {
        var jobs = app.MapGroup("/api/open-jobs").WithTags("Open jobs");
        ListOpenJobs.Map(jobs);
        return app;
    }
}
