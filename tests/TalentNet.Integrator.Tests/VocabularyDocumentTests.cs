using System.Text.Json.Nodes;
using TalentNet.Contracts;

namespace TalentNet.Integrator.Tests;

/// <summary>The closed vocabularies are enums in both documents, with exactly the wire names the contracts define.</summary>
[Collection(LiveServicesCollection.Name)]
public sealed class VocabularyDocumentTests(LiveServices services)
{
    [Fact]
    public async Task The_openapi_documents_give_bodies_and_query_filters_the_vocabulary_enums()
    {
        var candidates = JsonNode.Parse(await File.ReadAllTextAsync(services.Candidates.DocumentPath))!;
        Assert.Equal<IEnumerable<string?>>(Wire<Channel>.Names, Enum(candidates["components"]!["schemas"]!["Channel"]!));
        Assert.Equal<IEnumerable<string?>>(Wire<JobStatus>.Names, Enum(candidates["components"]!["schemas"]!["JobStatus"]!));
        var channelFilter = candidates["paths"]!["/api/applications"]!["get"]!["parameters"]!.AsArray()
            .Single(parameter => parameter!["name"]!.GetValue<string>() == "channel")!;
        Assert.Equal("#/components/schemas/Channel", channelFilter["schema"]!["$ref"]!.GetValue<string>());

        var alumni = JsonNode.Parse(await File.ReadAllTextAsync(services.Alumni.DocumentPath))!;
        foreach (var (name, names) in new[]
        {
            ("DepartureReason", Wire<DepartureReason>.Names), ("RehireEligibility", Wire<RehireEligibility>.Names),
            ("ReturnIntent", Wire<ReturnIntent>.Names), ("AlumnusStatus", Wire<AlumnusStatus>.Names),
            ("RecommendationStatus", Wire<RecommendationStatus>.Names), ("ReferralStatus", Wire<ReferralStatus>.Names),
        })
        {
            Assert.Equal<IEnumerable<string?>>(names, Enum(alumni["components"]!["schemas"]![name]!));
        }
    }

    [Fact]
    public async Task The_asyncapi_documents_give_event_members_the_vocabulary_enums()
    {
        var candidates = JsonNode.Parse(await File.ReadAllTextAsync(services.Candidates.AsyncApiPath))!;
        var submitted = Payload(candidates, "ApplicationSubmitted");
        Assert.Equal<IEnumerable<string?>>(Wire<Channel>.Names, Enum(submitted["properties"]!["source"]!["properties"]!["channel"]!));
        Assert.Equal<IEnumerable<string?>>([.. Wire<ReferrerKind>.Names, null], Enum(submitted["properties"]!["source"]!["properties"]!["referrerKind"]!));

        var alumni = JsonNode.Parse(await File.ReadAllTextAsync(services.Alumni.AsyncApiPath))!;
        var departed = Payload(alumni, "EmployeeDeparted");
        Assert.Equal<IEnumerable<string?>>(Wire<DepartureReason>.Names, Enum(departed["properties"]!["reason"]!));
        Assert.Equal<IEnumerable<string?>>([.. Wire<ReturnIntent>.Names, null], Enum(departed["properties"]!["wouldReturn"]!));
    }

    private static List<string?> Enum(JsonNode schema) => [.. schema["enum"]!.AsArray().Select(value => value?.GetValue<string>())];

    private static JsonNode Payload(JsonNode document, string message)
    {
        var envelope = document["components"]!["messages"]![message]!["payload"]!;
        return envelope["properties"]!["message"]!;
    }
}
