namespace TalentNet.Recommendations;

/// <summary>Names this service's assembly: test hosts start the service by it.</summary>
public sealed class RecommendationsService;
