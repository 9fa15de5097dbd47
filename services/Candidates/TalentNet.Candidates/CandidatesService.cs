namespace TalentNet.Candidates;

/// <summary>Names this service's assembly: test hosts start the service by it.</summary>
public sealed class CandidatesService;
