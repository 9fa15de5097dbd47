using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace TalentNet.Testing;

/// <summary>
/// Every log entry of the hosts it is added to, as a log sink would keep it: the message, each
/// structured value and the exception, so a test can look for personal data in what was logged.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    public int Count => _entries.Count;

    /// <summary>All entries as one text, one entry a line.</summary>
    public string Text() => string.Join('\n', _entries);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            var entry = new StringBuilder($"{logLevel} {category}: {formatter(state, exception)}");
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    entry.Append(' ').Append(key).Append('=').Append(value);
                }
            }

            if (exception is not null)
            {
                entry.Append(' ').Append(exception);
            }

            entries.Enqueue(entry.ToString());
        }
    }
}
