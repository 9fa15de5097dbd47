using TalentNet.ServiceDefaults.Auth;

namespace TalentNet.Alumni;

/// <summary>The Alumni service's endpoints; also the marker type tests host it by.</summary>
public static class AlumniApi
{
    public const string ServiceName = "alumni";

    /// <summary>Who records departures (HR and the HRIS integration).</summary>
    public static readonly string[] DepartureWriters = [Roles.Hr, Roles.Integration, Roles.Admin];

    // Departures, alumni, referrals, boomerangs and statistics arrive with the Alumni issue;
    // until then the service runs its database, bus and health endpoints.
    public static WebApplication MapAlumniApi(this WebApplication app) => app;
}
