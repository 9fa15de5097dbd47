using System.Buffers.Binary;

namespace TalentNet.Storage;

/// <summary>
/// Version 7 ids (RFC 9562) that keep their order within a millisecond. <see cref="Guid.CreateVersion7(DateTimeOffset)"/>
/// fills everything after the time with random bits, so ids made for one time land at random places
/// in every index on them; an import stamps all of its rows with one time, and its 100,000 candidates
/// then dirtied a different index page each. Here the 30 bits after the version count up per
/// millisecond from a random start (RFC 9562, 6.2, method 1), and the last 44 bits stay random.
/// </summary>
public static class TimeOrderedId
{
    private const int CounterBits = 30;

    // The milliseconds ids were made for lately, each with its last counter; the one used longest ago
    // makes room. An import's one time is in use all along, so the live requests' clock, a new
    // millisecond each, never pushes it out and neither breaks the other's run.
    private static readonly Run[] Recent = new Run[16];
    private static readonly Lock Gate = new();
    private static long _uses;

    public static Guid New(DateTimeOffset time)
    {
        var millisecond = time.ToUnixTimeMilliseconds();
        var counter = NextCounter(millisecond);

        // Ids are names, not secrets (links carry signed tokens): the fast generator is enough, and the
        // cryptographic one cost an import 3 % of its time.
        Span<byte> bytes = stackalloc byte[16];
        Random.Shared.NextBytes(bytes[10..]);
        BinaryPrimitives.WriteInt64BigEndian(bytes, millisecond << 16);
        bytes[6] = (byte)(0x70 | ((counter >> 26) & 0x0F));
        bytes[7] = (byte)(counter >> 18);
        bytes[8] = (byte)(0x80 | ((counter >> 12) & 0x3F));
        bytes[9] = (byte)(counter >> 4);
        bytes[10] = (byte)((int)((counter & 0x0F) << 4) | (bytes[10] & 0x0F));
        return new Guid(bytes, bigEndian: true);
    }

    private static long NextCounter(long millisecond)
    {
        lock (Gate)
        {
            var use = ++_uses;
            var oldest = 0;
            for (var i = 0; i < Recent.Length; i++)
            {
                ref var run = ref Recent[i];
                if (run.Millisecond == millisecond && run.LastUse > 0 && run.Counter < (1L << CounterBits) - 1)
                {
                    run.Counter++;
                    run.LastUse = use;
                    return run.Counter;
                }

                if (run.LastUse < Recent[oldest].LastUse)
                {
                    oldest = i;
                }
            }

            // Below half the range, so a millisecond has at least 2^29 ids in order before a new random start.
            Recent[oldest] = new Run { Millisecond = millisecond, Counter = Random.Shared.NextInt64(1L << (CounterBits - 1)), LastUse = use };
            return Recent[oldest].Counter;
        }
    }

    private struct Run
    {
        public long Millisecond;
        public long Counter;
        public long LastUse;
    }
}
