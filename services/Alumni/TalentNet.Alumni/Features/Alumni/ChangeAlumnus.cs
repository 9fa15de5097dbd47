using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TalentNet.Alumni.Features.AlumniPage;
using TalentNet.Alumni.Features.Boomerangs;
using TalentNet.Alumni.Features.Dashboard;
using TalentNet.Contracts;
using TalentNet.Contracts.Alumni;
using TalentNet.Messaging;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.OpenApi;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Alumni.Features.Alumni;

/// <summary>
/// PATCH /api/alumni/{id}: HR changes contact details, the LinkedIn URL or consents (merge patch).
/// Consent changes are announced with <see cref="AlumnusConsentChanged"/>.
/// </summary>
public static class ChangeAlumnus
{
    /// <summary>The fields a merge patch may carry; consents name only those that change.</summary>
    public sealed record AlumnusPatch(
        [property: MaxLength(Lengths.Name)] string? FullName,
        [property: MaxLength(Lengths.Email)] string? PersonalEmail,
        [property: MaxLength(Lengths.Url)] string? LinkedInUrl,
        ConsentsPatch? Consents);

    public sealed record ConsentsPatch(bool? AlumniNetwork, bool? RehireOutreach, bool? RecommendationRequest, bool? ReferralAsk);

    private static readonly IReadOnlyList<string> Patchable = OpenApiMetadata.FieldNames<AlumnusPatch>();
    private static readonly IReadOnlyList<string> ConsentNames = OpenApiMetadata.FieldNames<ConsentsPatch>();

    /// <summary>The timeline entry every consent change writes (with its source).</summary>
    public const string ConsentsChangedKind = "consents-changed";

    internal const string UpdateSql =
        """
        UPDATE alumni SET full_name = @FullName, personal_email = @PersonalEmail, linkedin_url = @LinkedInUrl,
            consent_alumni_network = @AlumniNetwork, consent_rehire = @RehireOutreach, consent_recommendation = @RecommendationRequest,
            consent_referral_ask = @ReferralAsk, status = @Status, updated_at = @Now, version = version + 1
        WHERE id = @Id
        """;

    public static void Map(RouteGroupBuilder alumni) =>
        alumni.MapPatch("/{id:guid}", Handle)
            .WithName("UpdateAlumnus")
            .WithSummary("Change an alumnus's contact details, LinkedIn URL or consents (merge patch)")
            .WithDescription($"Fields: {string.Join(", ", Patchable)}; consents may name any of {string.Join(", ", ConsentNames)}. If-Match guards against concurrent edits (412). An opted-out alumnus cannot be given consents back here (422).")
            .RequireRoles(AlumniApi.Writers)
            .AcceptsMergePatch<AlumnusPatch>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static async Task<Results<Ok<AlumnusResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, JsonObject patch, [FromHeader(Name = "If-Match"), MaxLength(Lengths.ETag)] string? ifMatch,
        Database database, Outbox outbox, AlumniLinks links, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        validation.OnlyFields(patch.Select(pair => pair.Key), Patchable);

        await using var session = await database.BeginAsync(cancellationToken);
        var current = await Alumnus.FindAsync(session.Connection, id, session.Transaction);
        if (ApiProblems.Refuses(current, "Alumnus", id, found => found.Version, ifMatch, out var refusal))
        {
            return refusal;
        }

        string? fullName = current.FullName, personalEmail = current.PersonalEmail, linkedIn = current.LinkedInUrl;
        var consents = current.Consents;
        try
        {
            fullName = patch.ContainsKey("fullName") ? patch["fullName"]?.GetValue<string>() : fullName;
            personalEmail = patch.ContainsKey("personalEmail") ? patch["personalEmail"]?.GetValue<string>() : personalEmail;
            linkedIn = patch.ContainsKey("linkedInUrl") ? patch["linkedInUrl"]?.GetValue<string>() : linkedIn;
            if (patch["consents"] is JsonObject given)
            {
                foreach (var unknown in given.Select(pair => pair.Key).Except(ConsentNames))
                {
                    validation.Add($"consents.{unknown}", $"Not a consent; use one of: {string.Join(", ", ConsentNames)}.");
                }

                consents = new Consents(
                    given["alumniNetwork"]?.GetValue<bool>() ?? consents.AlumniNetwork,
                    given["rehireOutreach"]?.GetValue<bool>() ?? consents.RehireOutreach,
                    given["recommendationRequest"]?.GetValue<bool>() ?? consents.RecommendationRequest,
                    given["referralAsk"]?.GetValue<bool>() ?? consents.ReferralAsk);
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or FormatException or JsonException)
        {
            validation.Add("body", "A field has the wrong type.");
        }

        validation.Maxima(new AlumnusPatch(fullName, personalEmail, linkedIn, null)).Required("fullName", fullName).Email("personalEmail", personalEmail, required: false).Url("linkedInUrl", linkedIn);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var consentsChanged = consents != current.Consents;
        if (current.Status == AlumnusStatus.OptedOut && consentsChanged)
        {
            return ApiProblems.InvalidTransition("The alumnus opted out; consents come back only from the alumnus through a new departure record.");
        }

        var now = clock.GetUtcNow();
        await session.Connection.ExecuteAsync(UpdateSql, Parameters(id, fullName!.Trim(), personalEmail is null ? null : Validation.NormalizeEmail(personalEmail), linkedIn, consents, current.Status, now), session.Transaction);
        if (consentsChanged)
        {
            await AnnounceConsentsAsync(session, outbox, id, consents, current.Status, ChangeSources.Of(http), now);
            await links.WelcomeAsync(session, outbox, id, now);
        }

        await BoomerangMatching.AlumnusChangedAsync(session, outbox, id, now);
        var updated = (await Alumnus.FindAsync(session.Connection, id, session.Transaction))!;
        await session.CommitAsync(cancellationToken);
        http.Response.Headers.ETag = ETags.For(updated.Version);
        return TypedResults.Ok(updated);
    }

    internal static object Parameters(Guid id, string fullName, string? personalEmail, string? linkedIn, Consents consents, AlumnusStatus status, DateTimeOffset now) => new
    {
        Id = id,
        FullName = fullName,
        PersonalEmail = personalEmail,
        LinkedInUrl = linkedIn,
        AlumniNetwork = consents.AlumniNetwork ? 1 : 0,
        RehireOutreach = consents.RehireOutreach ? 1 : 0,
        RecommendationRequest = consents.RecommendationRequest ? 1 : 0,
        ReferralAsk = consents.ReferralAsk ? 1 : 0,
        Status = status.ToWire(),
        Now = now,
    };

    /// <summary>Recommendations cancels the open request when the consent goes; the alumnus's own record says so at once.</summary>
    internal const string CancelRequestSql =
        "UPDATE alumni SET recommendation_status = @Cancelled WHERE id = @Id AND recommendation_status = @Requested";

    internal static async Task AnnounceConsentsAsync(
        DbSession session, Outbox outbox, Guid id, Consents consents, AlumnusStatus status, ChangeSource source, DateTimeOffset now)
    {
        if (!consents.RecommendationRequest || status == AlumnusStatus.OptedOut)
        {
            await AlumniTallies.TrackAsync(session, id, () => session.Connection.ExecuteAsync(CancelRequestSql, new
            {
                Id = id, Cancelled = RecommendationStatus.Cancelled.ToWire(), Requested = RecommendationStatus.Requested.ToWire(),
            }, session.Transaction));
        }

        await Alumnus.RecordAsync(session, id, ConsentsChangedKind, JsonSerializer.Serialize(consents), now, source);
        await outbox.EnqueueAsync(session, new AlumnusConsentChanged(TimeOrderedId.New(now), now, id, consents.ToContract(), status));
    }
}
