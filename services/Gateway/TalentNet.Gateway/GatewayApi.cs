using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.FileProviders;
using TalentNet.Gateway.Features.AlumniPage;
using TalentNet.Gateway.Features.Dashboard;
using TalentNet.Gateway.Features.Privacy;
using TalentNet.Gateway.Features.SignIn;
using TalentNet.Gateway.Proxy;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;

namespace TalentNet.Gateway;

/// <summary>
/// The gateway's wiring: people sign in with a cookie session (OpenID Connect, or a dev sign-in in
/// Development), tools bring a token or API key; <c>/candidates/**</c>, <c>/alumni/**</c> and
/// <c>/recommendations/**</c> go to the services with the caller's own credential.
/// </summary>
public static class GatewayApi
{
    public const string ServiceName = "gateway";

    /// <summary>Cookie for people, the shared bearer/API-key handling for tools.</summary>
    public const string PeopleOrTools = "people-or-tools";

    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var signIn = builder.Configuration.GetSection(SignInOptions.Section).Get<SignInOptions>() ?? new SignInOptions();
        signIn.IsDevelopment = builder.Environment.IsDevelopment();
        CheckedOptions.ThrowIfInvalid(signIn, SignInOptions.Section);
        builder.Services.AddSingleton(signIn);
        var keys = builder.Services.AddDataProtection().SetApplicationName("talentnet-gateway");
        if (!string.IsNullOrWhiteSpace(signIn.SessionKeysDirectory))
        {
            keys.PersistKeysToFileSystem(new DirectoryInfo(signIn.SessionKeysDirectory));
        }

        var authentication = builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = PeopleOrTools;
                options.DefaultChallengeScheme = PeopleOrTools;
            })
            .AddPolicyScheme(PeopleOrTools, "A person's session or a tool's credential", policy =>
                policy.ForwardDefaultSelector = context => CarriesOwnCredential(context.Request)
                    ? JwtBearerDefaults.AuthenticationScheme
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, SessionCookie.Configure);
        if (signIn.UsesOpenIdConnect)
        {
            authentication.AddOpenIdConnect(OpenIdConnectDefaults.AuthenticationScheme, oidc =>
            {
                oidc.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                oidc.Authority = signIn.Authority;
                oidc.ClientId = signIn.ClientId;
                oidc.ClientSecret = signIn.ClientSecret;
                oidc.ResponseType = "code";
                oidc.UsePkce = true;
                // The access token is what the services are called with, on the user's behalf.
                oidc.SaveTokens = true;
                oidc.MapInboundClaims = false;
                oidc.GetClaimsFromUserInfoEndpoint = true;
                oidc.Scope.Add("email");
                oidc.TokenValidationParameters.NameClaimType = TalentNetClaims.Name;
                oidc.TokenValidationParameters.RoleClaimType = signIn.RoleClaim;
            });
        }

        builder.Services.AddSingleton<CallerCredential>();
        builder.Services.AddSingleton<ServiceSections>();
        builder.Services.AddHttpClient(ServiceSections.ClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        builder.Services.AddHttpClient(OpenAlumniLink.ClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddTransforms<UserTokenTransform>();
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Environment.IsDevelopment())
        {
            DevSignIn.Map(app);
        }

        SignIn.Map(app);
        SignOut.Map(app);
        WhoAmI.Map(app);
        GetDashboard.Map(app);
        ExportPersonalData.Map(app);
        ListRetention.Map(app);
        // Routing has chosen the endpoint before these middlewares run: the page is an endpoint of its own.
        app.UseStaticFiles();
        ServeClientLibraries(app);
        MapPage(app, "/", "index.html");
        // The former manager's page; mails link to one request on it.
        MapPage(app, "/manager", "manager.html");
        MapPage(app, "/manager/requests/{id:guid}", "manager.html");
        // The alumni page: alumni sign in with a personal link from their mail, not with the staff sign-in.
        MapPage(app, "/alumnus", "alumnus.html");
        OpenAlumniLink.Map(app, Page("alumnus.html"));
        app.MapReverseProxy(proxy => proxy.Use(CrossSiteGuard.RefuseForgedWrites));
        // Without it the fallback authorization policy would answer an unknown path with a sign-in
        // redirect; it is a 404 for everyone (the dev sign-in outside Development included).
        app.MapFallback(() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found."))
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>A page of the web app, anonymous (it asks /api/me who is signed in).</summary>
    private static void MapPage(WebApplication app, string pattern, string file) =>
        app.MapGet(pattern, Page(file)).AllowAnonymous().ExcludeFromDescription();

    /// <summary>Through the web root's file provider, which also finds the page unpublished (static web assets in Development).</summary>
    private static Func<HttpContext, IResult> Page(string file) => http =>
        http.RequestServices.GetRequiredService<IWebHostEnvironment>().WebRootFileProvider.GetFileInfo(file) is { Exists: true } page
            ? TypedResults.Stream(page.CreateReadStream(), "text/html")
            : TypedResults.NotFound();

    /// <summary>The npm packages the build restored and copied beside the app (lib/), under /lib.</summary>
    private static void ServeClientLibraries(WebApplication app)
    {
        var libraries = Path.Combine(AppContext.BaseDirectory, "lib");
        if (Directory.Exists(libraries))
        {
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(libraries), RequestPath = "/lib" });
        }
    }

    /// <summary>A tool calls with its own token or API key; a browser with the session cookie.</summary>
    public static bool CarriesOwnCredential(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers.Authorization.Count > 0 || request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName);
    }
}
