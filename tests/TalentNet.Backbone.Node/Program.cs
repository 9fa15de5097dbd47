using Microsoft.Extensions.Hosting;
using TalentNet.Backbone.Node;

// Usage: TalentNet.Backbone.Node --db PATH --amqp URL [--no-consume] [--no-relay]
//        [--hang-on N --marker FILE] [--crash-after-publish]
var named = new Dictionary<string, string>(StringComparer.Ordinal);
var flags = new HashSet<string>(StringComparer.Ordinal);
for (var i = 0; i < args.Length; i++)
{
    if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
    {
        named[args[i]] = args[++i];
    }
    else
    {
        flags.Add(args[i]);
    }
}

var options = new NodeOptions(
    named["--db"],
    named["--amqp"],
    Consume: !flags.Contains("--no-consume"),
    Relay: !flags.Contains("--no-relay"),
    HangOn: named.TryGetValue("--hang-on", out var hang) ? int.Parse(hang, System.Globalization.CultureInfo.InvariantCulture) : null,
    HangMarker: named.GetValueOrDefault("--marker"),
    CrashAfterPublish: flags.Contains("--crash-after-publish"),
    Queue: named.GetValueOrDefault("--queue") ?? BackboneNode.Queue);
using var host = BackboneNode.Build(options);
await host.RunAsync();
