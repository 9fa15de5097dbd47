using TalentNet.Alumni.Features.Alumni;
using TalentNet.Alumni.Features.Boomerangs;
using TalentNet.Alumni.Features.Departures;
using TalentNet.Alumni.Features.Referrals;
using TalentNet.Alumni.Features.Stats;
using TalentNet.ServiceDefaults.Auth;

namespace TalentNet.Alumni;

/// <summary>The Alumni service's endpoints.</summary>
public static class AlumniApi
{
    public const string ServiceName = "alumni";

    /// <summary>Who records departures (HR and the HRIS integration).</summary>
    public static readonly string[] DepartureWriters = [Roles.Hr, Roles.Integration, Roles.Admin];

    /// <summary>Who changes alumni (eligibility, consents, contact details).</summary>
    public static readonly string[] Editors = [Roles.Hr, Roles.Admin];

    /// <summary>Who reads the alumni network.</summary>
    public static readonly string[] Readers = [Roles.Recruiter, Roles.Hr, Roles.Admin];

    public static WebApplicationBuilder AddAlumniFeatures(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(builder.Configuration.GetSection(AlumniOptions.Section).Get<AlumniOptions>() ?? new AlumniOptions());
        return builder;
    }

    public static WebApplication MapAlumniApi(this WebApplication app)
    {
        RecordDeparture.Map(app.MapGroup("/api/departures").WithTags("Departures"));
        var alumni = app.MapGroup("/api/alumni").WithTags("Alumni");
        ListAlumni.Map(alumni);
        GetAlumnus.Map(alumni);
        ChangeAlumnus.Map(alumni);
        Referrals.Map(alumni);
        ListBoomerangs.Map(app.MapGroup("/api/boomerangs").WithTags("Boomerangs"));
        AlumniStats.Map(app.MapGroup("/api/stats").WithTags("Statistics"));
        return app;
    }
}
