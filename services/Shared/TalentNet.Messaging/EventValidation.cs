using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using MassTransit;

namespace TalentNet.Messaging;

/// <summary>An event that breaks its contract: it goes to the error queue with the reason, never to a consumer.</summary>
public sealed class InvalidEventException(string eventType, IReadOnlyList<string> problems)
    : Exception($"{eventType} breaks its contract: {string.Join("; ", problems)}")
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>
/// What every incoming event must keep, checked from the record itself: members the contract does not
/// mark nullable are present, enum members hold one of their values, ids are not empty, and no string
/// or list is larger than any TalentNet producer sends (<see cref="MaxText"/>, <see cref="MaxItems"/>).
/// The reasons name members, never their values (they may be personal data).
/// </summary>
public static class EventValidation
{
    public const int MaxText = 20_000;

    public const int MaxItems = 1_000;

    private static readonly ConcurrentDictionary<Type, (PropertyInfo Property, bool Nullable)[]> Members = new();

    public static IReadOnlyList<string> Problems(object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var problems = new List<string>();
        Check(message, "", problems, depth: 0);
        return problems;
    }

    private static void Check(object value, string path, List<string> problems, int depth)
    {
        foreach (var (property, nullable) in Members.GetOrAdd(value.GetType(), Describe))
        {
            var name = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
            var member = property.GetValue(value);
            switch (member)
            {
                case null when !nullable:
                    problems.Add($"{name} is required");
                    break;
                case null:
                    break;
                case string text when text.Length > MaxText:
                    problems.Add($"{name} is longer than {MaxText} characters");
                    break;
                case Enum choice when !Enum.IsDefined(choice.GetType(), choice):
                    problems.Add($"{name} is not one of its values");
                    break;
                case Guid id when id == Guid.Empty && !nullable && name.EndsWith("Id", StringComparison.Ordinal):
                    problems.Add($"{name} is empty");
                    break;
                case string or ValueType:
                    break;
                case IEnumerable items:
                    var count = 0;
                    foreach (var item in items)
                    {
                        if (++count > MaxItems)
                        {
                            problems.Add($"{name} holds more than {MaxItems} items");
                            break;
                        }

                        if (item is null)
                        {
                            problems.Add($"{name} holds an empty item");
                        }
                        else if (item is string text && text.Length > MaxText)
                        {
                            problems.Add($"{name} holds an item longer than {MaxText} characters");
                        }
                        else if (item is not string and not ValueType && depth < 4)
                        {
                            Check(item, $"{name}[{count - 1}]", problems, depth + 1);
                        }
                    }

                    break;
                default:
                    if (depth < 4)
                    {
                        Check(member, name, problems, depth + 1);
                    }

                    break;
            }
        }
    }

    private static (PropertyInfo, bool)[] Describe(Type type)
    {
        var context = new NullabilityInfoContext();
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.GetIndexParameters().Length == 0 && property.DeclaringType?.Namespace?.StartsWith("TalentNet", StringComparison.Ordinal) == true)
            .Select(property => (property, context.Create(property).ReadState != NullabilityState.NotNull))
            .ToArray();
    }
}

/// <summary>Checks each event against <see cref="EventValidation"/> before the inbox opens a transaction for it.</summary>
public sealed class EventValidationFilter<T> : IFilter<ConsumeContext<T>>
    where T : class
{
    public Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var problems = EventValidation.Problems(context.Message);
        return problems.Count > 0 ? throw new InvalidEventException(typeof(T).Name, problems) : next.Send(context);
    }

    public void Probe(ProbeContext context) => context?.CreateFilterScope("eventValidation");
}
