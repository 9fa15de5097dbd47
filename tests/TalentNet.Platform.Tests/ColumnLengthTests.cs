using System.Text.Json.Nodes;
using TalentNet.Testing;

namespace TalentNet.Platform.Tests;

/// <summary>
/// Every bounded SQL Server column holds the longest value the API accepts for it, read from the
/// migrations and the services' own documents without running anything: a column is paired with the
/// request fields of its name (or the names <see cref="WrittenFrom"/> gives), or is one the services
/// fill themselves (<see cref="WrittenByTheServices"/>, with the reason). A new bounded column that is
/// neither fails here until someone decides which it is. Values reach other services' columns by
/// events under the same names, so every service's document is searched.
/// </summary>
public sealed class ColumnLengthTests
{
    /// <summary>
    /// Columns whose request fields carry other names (table.column → fields): <c>name</c>, or
    /// <c>Schema.name</c> for one schema's member, each optionally behind <c>service:</c> for another
    /// service's document (the value comes by an event).
    /// </summary>
    private static readonly Dictionary<string, string[]> WrittenFrom = new(StringComparer.OrdinalIgnoreCase)
    {
        ["alumni.eligibility_note"] = ["OverrideEligibilityRequest.note"],
        ["alumni.manager_name"] = ["ManagerBody.name"],
        ["alumni_read.manager_name"] = ["alumni:ManagerBody.name"],
        ["alumni_read.reason"] = ["alumni:RecordDepartureRequest.reason"],
        ["alumni.return_channel"] = ["candidates:channel"],
        ["alumni.return_role"] = ["candidates:title"],
        ["referrals.stage_reached"] = ["candidates:ChangeStageRequest.stage"],
        ["application_stage_history.from_stage"] = ["ChangeStageRequest.stage"],
        ["application_stage_history.to_stage"] = ["ChangeStageRequest.stage"],
        ["applications.rejected_from"] = ["ChangeStageRequest.stage"],
        ["applications.referrer_email"] = ["Referrer.email"],
        ["applications.referrer_id"] = ["Referrer.id"],
        ["applications.referrer_kind"] = ["Referrer.kind"],
        ["recommendation_requests.decline_reason"] = ["DeclineRecommendationRequest.reason"],
        ["mail_outbox.recipient"] = ["alumni:personalEmail", "alumni:workEmail", "alumni:ManagerBody.email", "managerEmail"],
        ["dashboard_tallies.label"] = ["channel", "department", "alumni:ManagerBody.email", "managerEmail", "campaign"],
    };

    private const string Identity = "the caller's identity from the token, cut by Lengths.Fit to Lengths.Actor (200)";
    private const string Made = "made by the service (an id, a hash, a type or consumer name, a date, an error text it cuts to fit)";

    /// <summary>Bounded columns no client writes as sent: the service makes the value, with the reason it fits.</summary>
    private static readonly Dictionary<string, string> WrittenByTheServices = new(StringComparer.OrdinalIgnoreCase)
    {
        ["audit_log.actor"] = Identity,
        ["audit_log.operation"] = "an operation name from the code",
        ["application_stage_history.actor"] = Identity,
        ["tracking_links.created_by"] = Identity,
        ["imports.created_by"] = Identity,
        ["invitations.invited_by"] = Identity,
        ["recommendation_requests.acted_by"] = Identity,
        ["erasure_requests.requested_by"] = Identity,
        ["erasure_reports.service"] = "a service's name, from the report its code sends",
        ["alumni.linkedin_key"] = "linkedInUrl normalized, cut to 450 by BoomerangMatching",
        ["alumni_read.role_terms"] = "the role's words between bars: at most the role's 200 characters and 2 bars",
        ["candidates.former_matched_on"] = "the boomerang evidence kinds, joined (a few short wire names)",
        ["candidate_identifiers.identifier"] = "a SHA-256 hash in hex (64)",
        ["tracking_link_visitors.visitor"] = "a SHA-256 hash in hex (64)",
        ["suppressed_people.hash"] = "an HMAC-SHA256 in hex (64)",
        ["tracking_link_days.day"] = "a date, yyyy-MM-dd",
        ["tracking_link_visitors.day"] = "a date, yyyy-MM-dd",
        ["departures.body_hash"] = Made,
        ["retention_runs.rule_name"] = "a rule name from the code",
        ["dashboard_tallies.metric"] = "a metric name from the code",
        ["inbox_messages.consumer"] = Made,
        ["inbox_messages.message_type"] = Made,
        ["outbox_dead_letters.message_type"] = Made,
        ["outbox_messages.message_type"] = Made,
        ["outbox_messages.lock_owner"] = Made,
        ["outbox_messages.last_error"] = Made,
        ["import_errors.field"] = "a column name of the import's own format",
        ["import_errors.message"] = Made,
        ["imports.detail"] = Made,
        ["mail_outbox.details"] = Made,
        ["mail_outbox.last_error"] = Made,
        ["mail_outbox.mail_key"] = Made,
        ["webhook_deliveries.dedupe_key"] = "the vendor's event id or a hash of the body, cut to fit",
        ["webhook_deliveries.detail"] = Made,
        ["webhook_deliveries.system"] = "greenhouse, lever or ashby: the route's vendor",
        ["webhook_outbound_deliveries.event_type"] = "an event's wire type name from the contracts",
        ["webhook_outbound_deliveries.last_error"] = Made,
        ["webhook_subscriptions.disabled_reason"] = Made,
        ["webhook_subscriptions.secret"] = "a whsec_ secret the service makes",
        ["webhook_subscriptions.previous_secret"] = "a whsec_ secret the service made",
    };

    private static readonly string[] Services = ["candidates", "alumni", "recommendations", "integrations"];

    [Fact]
    public async Task Every_bounded_column_holds_the_longest_value_the_api_accepts_for_it()
    {
        var fields = new Dictionary<string, Dictionary<string, List<(int Max, string Where)>>>();
        foreach (var service in Services)
        {
            using var host = OpenApiFuzzTests.Host(service);
            fields[service] = Collect(JsonNode.Parse(await host.CreateClient().GetStringAsync("/swagger/v1/swagger.json"))!, service);
        }

        var problems = new List<string>();
        var checkedColumns = 0;
        var allColumns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var module in SqlStatements.Modules)
        {
            // A service's own tables take its own fields; a read model's values come by events from another's.
            var own = Services.Contains(module.Name) ? new[] { module.Name } : Services;
            foreach (var (table, bounded) in SqlServerColumnLengths.Of([module]).OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                foreach (var (column, length) in bounded.OrderBy(pair => pair.Key, StringComparer.Ordinal))
                {
                    var name = $"{table}.{column}";
                    allColumns.Add(name);
                    if (WrittenByTheServices.ContainsKey(name))
                    {
                        continue;
                    }

                    var names = WrittenFrom.TryGetValue(name, out var given) ? given : [column];
                    var sources = Sources(fields, own, names);
                    if (sources.Count == 0)
                    {
                        sources = Sources(fields, Services, names);
                    }

                    if (sources.Count == 0)
                    {
                        problems.Add($"{name} ({length}): no request field of that name; name its fields in WrittenFrom or say why in WrittenByTheServices");
                        continue;
                    }

                    checkedColumns++;
                    problems.AddRange(sources.Where(source => source.Max > length).Select(source => $"{name} holds {length}, but {source.Where} accepts {source.Max}"));
                }
            }
        }

        problems.AddRange(WrittenFrom.Keys.Concat(WrittenByTheServices.Keys).Where(name => !allColumns.Contains(name)).Select(name => $"{name} is listed here but is no bounded column"));
        Assert.True(problems.Count == 0, $"{problems.Count} problems:\n" + string.Join('\n', problems));
        Assert.True(checkedColumns > 50, $"{checkedColumns} columns paired with request fields");
    }

    private static List<(int Max, string Where)> Sources(Dictionary<string, Dictionary<string, List<(int, string)>>> fields, IEnumerable<string> services, IEnumerable<string> names) =>
        names.SelectMany(name => name.Split(':') is [var service, var field]
                ? fields[service].GetValueOrDefault(Key(field)) ?? []
                : services.SelectMany(own => fields[own].GetValueOrDefault(Key(name)) ?? []))
            .ToList();

    /// <summary>A name as a column and a JSON member would both spell it: linkedin_url and linkedInUrl meet.</summary>
    private static string Key(string name) => name.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();

    /// <summary>Every bound the document states: strings' maxLength, list items' and map values' maxLength, enums' longest value.</summary>
    private static Dictionary<string, List<(int, string)>> Collect(JsonNode document, string service)
    {
        var fields = new Dictionary<string, List<(int, string)>>(StringComparer.Ordinal);
        void Add(string name, JsonNode schema, string where, string? owner = null)
        {
            schema = RequestMaximaDocumentTests.Resolve(document, schema);
            foreach (var variant in (schema["allOf"]?.AsArray() ?? []).Concat(schema["oneOf"]?.AsArray() ?? []).Concat(schema["anyOf"]?.AsArray() ?? []))
            {
                Add(name, variant!, where, owner);
            }

            var bound = schema["maxLength"]?.GetValue<int>()
                ?? (schema["enum"] is JsonArray values ? values.Max(value => value?.ToString().Length ?? 0) : null);
            if (schema["items"] is { } items)
            {
                Add(name, items, $"{where}[]", owner);
            }

            if (schema["additionalProperties"] is JsonObject mapValues)
            {
                Add(name, mapValues, $"{where}{{}}", owner);
            }

            if (bound is { } max)
            {
                foreach (var key in owner is null ? [Key(name)] : new[] { Key(name), Key($"{owner}.{name}") })
                {
                    if (!fields.TryGetValue(key, out var found))
                    {
                        fields[key] = found = [];
                    }

                    found.Add((max, $"{service} {where}"));
                }
            }
        }

        foreach (var (schemaName, schema) in document["components"]?["schemas"]?.AsObject() ?? [])
        {
            foreach (var (name, property) in schema!["properties"]?.AsObject() ?? [])
            {
                Add(name, property!, $"{schemaName}.{name}", schemaName);
            }
        }

        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                foreach (var parameter in operation!["parameters"]?.AsArray() ?? [])
                {
                    var resolved = RequestMaximaDocumentTests.Resolve(document, parameter!);
                    Add(resolved["name"]!.GetValue<string>(), resolved["schema"]!, $"{method} {path} ?{resolved["name"]}");
                }
            }
        }

        return fields;
    }
}
