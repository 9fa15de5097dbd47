namespace TalentNet.Messaging;

/// <summary>
/// Told when a batch has been confirmed by the broker and is about to be marked processed
/// (metrics, audit, fault injection in tests). An exception here leaves the batch unmarked:
/// it is re-sent once its lease expires and the consumers' inbox absorbs the duplicates.
/// </summary>
public interface IOutboxObserver
{
    ValueTask PublishedAsync(IReadOnlyList<Guid> messageIds);
}
