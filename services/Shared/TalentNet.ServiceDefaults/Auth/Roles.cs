namespace TalentNet.ServiceDefaults.Auth;

/// <summary>The roles a token or API key can carry.</summary>
public static class Roles
{
    public const string Recruiter = "recruiter";
    public const string Hr = "hr";
    public const string Manager = "manager";
    public const string Integration = "integration";
    public const string Admin = "admin";

    /// <summary>A public careers site's key: it may only send in applications, and reads nothing.</summary>
    public const string CareersSite = "careers-site";

    public static IReadOnlyList<string> All { get; } = [Recruiter, Hr, Manager, Integration, CareersSite, Admin];
}

/// <summary>Claim names in TalentNet tokens (JWT names, not mapped to SOAP URIs).</summary>
public static class TalentNetClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Email = "email";
    public const string Name = "name";

    /// <summary>The alumnus an alumni-page session belongs to (not a TalentNet token: the Alumni service's own cookie).</summary>
    public const string AlumnusId = "alumnus_id";
}
