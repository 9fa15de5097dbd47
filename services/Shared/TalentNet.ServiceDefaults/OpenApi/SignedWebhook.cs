using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace TalentNet.ServiceDefaults.OpenApi;

/// <summary>
/// Marks an endpoint that takes no TalentNet credential because the caller signs each request (an
/// ATS webhook): the OpenAPI document says how under <c>x-signature</c>, with the 401 it answers.
/// </summary>
public sealed record SignedWebhook(string HowToSign);

public static class SignedWebhookExtensions
{
    public static RouteHandlerBuilder SignedBy(this RouteHandlerBuilder endpoint, string howToSign) =>
        endpoint.AllowAnonymous().WithMetadata(new SignedWebhook(howToSign)).ProducesProblem(StatusCodes.Status401Unauthorized);
}
