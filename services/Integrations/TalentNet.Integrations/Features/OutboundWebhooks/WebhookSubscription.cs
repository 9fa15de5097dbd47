using System.ComponentModel.DataAnnotations;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Contracts;
using TalentNet.Messaging;
using TalentNet.ServiceDefaults.Problems;

namespace TalentNet.Integrations.Features.OutboundWebhooks;

/// <summary>The body of POST and PUT /api/webhook-subscriptions: where to send which events.</summary>
public sealed record SubscriptionFields(
    [property: MaxLength(Lengths.Url)] string? Url,
    [property: MaxLength(WebhookSubscription.MaxEventTypes), EachMaxLength(Lengths.Name)] IReadOnlyList<string>? EventTypes,
    [property: MaxLength(WebhookSubscription.DescriptionLength)] string? Description,
    bool? Enabled = null);

/// <summary>A subscription as the API shows it (never its secret).</summary>
public sealed record SubscriptionResponse(
    Guid Id, string Url, IReadOnlyList<string> EventTypes, string? Description, bool Enabled, string? DisabledReason, int FailedDeliveries,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version);

/// <summary>A subscription with its signing secret: shown once, when it is created or rotated.</summary>
public sealed record SubscriptionSecret(SubscriptionResponse Subscription, string Secret);

public static class WebhookSubscription
{
    public const string AllTypes = "*";

    /// <summary>Every event type a subscription may name: each contract event but the Integrations service's own raw ATS copies and those that carry a credential.</summary>
    public static readonly IReadOnlyList<string> Types = EventTypes.Contracts.All
        .Where(type => !type.IsDefined(typeof(InternalOnlyAttribute), inherit: false))
        .Select(type => EventTypes.WebhookType(EventTypes.Contracts.UrnOf(type)))
        .Where(name => !name.StartsWith($"{IntegrationsApi.ServiceName}.", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .ToList();

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    internal const string Columns =
        """
        id AS Id, url AS Url, event_types AS EventTypes, description AS Description, enabled AS Enabled, disabled_reason AS DisabledReason,
        failed_deliveries AS FailedDeliveries, created_at AS CreatedAt, updated_at AS UpdatedAt, version AS Version
        """;

    internal static readonly string FindSql = $"SELECT {Columns} FROM webhook_subscriptions WHERE id = @Id";

    internal const string InsertSql =
        """
        INSERT INTO webhook_subscriptions (id, url, event_types, description, secret, enabled, failed_deliveries, created_at, updated_at, version)
        VALUES (@Id, @Url, @EventTypes, @Description, @Secret, 1, 0, @Now, @Now, 1)
        """;

    /// <summary>A new signing secret in Standard Webhooks' form: <c>whsec_</c> and 32 random bytes in base64.</summary>
    public static string NewSecret() => $"whsec_{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}";

    public const int MaxEventTypes = 50;

    public const int DescriptionLength = 500;

    public static void Validate(SubscriptionFields fields, Validation validation)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(validation);
        validation.Maxima(fields).Required("url", fields.Url, Lengths.Url);
        var types = fields.EventTypes ?? [];
        validation.Check(types.Count >= 1, "eventTypes", $"One to {MaxEventTypes} event types, or [\"{AllTypes}\"].");
        var unknown = types.Where(type => type != AllTypes && !Types.Contains(type)).ToList();
        validation.Check(unknown.Count == 0, "eventTypes", $"Unknown: {string.Join(", ", unknown.Take(5))}. Allowed: {AllTypes}, {string.Join(", ", Types)}.");
        var url = fields.Url is { Length: <= Lengths.Url } text && Uri.TryCreate(text, UriKind.Absolute, out var parsed) ? parsed : null;
        validation.Check(
            fields.Url is null || (url is { Scheme: "https" or "http" } && string.IsNullOrEmpty(url.UserInfo)), "url", "An absolute http(s) URL without credentials.");
    }

    /// <summary>422 when the (valid) URL points inside the network or is not https, unless private targets are allowed.</summary>
    public static async Task<ProblemHttpResult?> TargetRefusalAsync(string url, bool allowPrivateTargets, CancellationToken cancellationToken) =>
        await TargetGuard.RefusalAsync(new Uri(url), allowPrivateTargets, cancellationToken) is { } refusal
            ? TypedResults.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "The webhook target is not allowed.",
                detail: $"{refusal} (Integrations:Webhooks:AllowPrivateTargets allows it in development.)")
            : null;

    public static string TypesText(IEnumerable<string> types) => JsonSerializer.Serialize(types.Distinct().Order(StringComparer.Ordinal), Json);

    public static bool Wants(string eventTypesText, string type)
    {
        var types = JsonSerializer.Deserialize<List<string>>(eventTypesText, Json) ?? [];
        return types.Contains(AllTypes) || types.Contains(type);
    }

    public static async Task<SubscriptionResponse?> FindAsync(DbConnection connection, Guid id, DbTransaction? transaction = null) =>
        (await connection.QuerySingleOrDefaultAsync<Row>(FindSql, new { Id = id }, transaction))?.ToResponse();

    internal sealed class Row
    {
        public Guid Id { get; init; }
        public string Url { get; init; } = "";
        public string EventTypes { get; init; } = "[]";
        public string? Description { get; init; }
        public int Enabled { get; init; }
        public string? DisabledReason { get; init; }
        public int FailedDeliveries { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }
        public int Version { get; init; }

        public SubscriptionResponse ToResponse() => new(
            Id, Url, JsonSerializer.Deserialize<List<string>>(EventTypes, Json) ?? [], Description, Enabled == 1, DisabledReason, FailedDeliveries,
            CreatedAt, UpdatedAt, Version);
    }
}
