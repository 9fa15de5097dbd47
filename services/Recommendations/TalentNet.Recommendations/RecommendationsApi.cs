using TalentNet.Recommendations.Features.Dashboard;
using TalentNet.Recommendations.Features.Matches;
using TalentNet.Audit;
using TalentNet.Recommendations.Features.Notifications;
using TalentNet.Recommendations.Features.Privacy;
using TalentNet.Recommendations.Features.OpenJobs;
using TalentNet.Recommendations.Features.Requests;
using TalentNet.Recommendations.Features.Stats;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.OpenApi;

namespace TalentNet.Recommendations;

/// <summary>The Recommendations service's endpoints and who may use them.</summary>
public static class RecommendationsApi
{
    public const string ServiceName = "recommendations";

    /// <summary>Who reads open jobs, alumni matches and statistics.</summary>
    public static readonly string[] Readers = [Roles.Recruiter, Roles.Hr, Roles.Admin];

    /// <summary>Who reads the HR dashboard's numbers.</summary>
    public static readonly string[] DashboardReaders = [Roles.Hr, Roles.Admin];

    /// <summary>Who invites matched alumni back.</summary>
    public static readonly string[] Writers = [Roles.Recruiter, Roles.Admin];

    /// <summary>Who reads recommendation requests (managers only their own).</summary>
    public static readonly string[] RequestReaders = [Roles.Manager, Roles.Hr, Roles.Admin];

    /// <summary>Who gives, declines or publishes (managers only their own).</summary>
    public static readonly string[] RequestWriters = [Roles.Manager, Roles.Hr, Roles.Admin];

    public static WebApplicationBuilder AddRecommendationsFeatures(this WebApplicationBuilder builder)
    {
        builder.Services.AddCheckedOptions<RecommendationsOptions>(RecommendationsOptions.Section);
        builder.Services.AddSingleton<ReminderSchedule>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ReminderSchedule>());
        builder.Services.AddCheckedOptions<NotificationOptions>(NotificationOptions.Section);
        builder.Services.AddSingleton<MailSender>();
        builder.Services.AddAudit();
        builder.Services.AddHostedService(services => services.GetRequiredService<MailSender>());
        return builder;
    }

    public static WebApplication MapRecommendationsApi(this WebApplication app)
    {
        ListOpenJobs.Map(app.MapGroup("/api/open-jobs").WithDescribedTag("Open jobs", "The open jobs as Recommendations knows them from the Candidates service."));
        var requests = app.MapGroup("/api/recommendation-requests").WithDescribedTag("Recommendation requests", "Requests to former managers for a recommendation: give, decline, publish.").Audited();
        ListRequests.Map(requests);
        GetRequest.Map(requests);
        GiveRecommendation.Map(requests);
        DeclineRecommendation.Map(requests);
        PublishRecommendation.Map(requests);
        CreateRequest.Map(requests);
        ReassignRequest.Map(requests);
        var matches = app.MapGroup("/api/jobs").WithDescribedTag("Alumni matches", "Alumni ranked for an open job, with the reasons, and invitations to come back.");
        AlumniMatches.Map(matches);
        InviteAlumnus.Map(matches);
        RecommendationDashboard.Map(app.MapGroup("/api/dashboard").WithDescribedTag("Dashboard", "The HR dashboard's recommendation numbers, read from counts kept with every change."));
        var notifications = app.MapGroup("/api/notifications").WithDescribedTag("Notifications", "The mails to former managers and HR: sent, skipped, waiting and dead letters.");
        ListNotifications.Map(notifications);
        RetryNotification.Map(notifications);
        app.MapAudit();
        ExportPersonalData.Map(app.MapGroup("/api/privacy").WithDescribedTag("Privacy", "Subject access: everything this service holds about a person.").Audited());
        RecommendationStats.Map(app.MapGroup("/api/stats").WithDescribedTag("Statistics", "Recommendation coverage by department and manager, days to give, published share, overdue."));
        return app;
    }

    /// <summary>A manager acting without HR or admin rights.</summary>
    public static bool IsOnlyManager(HttpContext http) =>
        http.User.IsInRole(Roles.Manager) && !http.User.IsInRole(Roles.Hr) && !http.User.IsInRole(Roles.Admin);

    /// <summary>Object-level check: HR and admins act on any request, a manager only on their own.</summary>
    public static bool MayActOn(HttpContext http, RecommendationRequestResponse request) =>
        !IsOnlyManager(http) || string.Equals(http.Email(), request.ManagerEmail, StringComparison.OrdinalIgnoreCase);
}
