using System.Runtime.CompilerServices;

// The backbone tests drive the relay's claim logic directly.
[assembly: InternalsVisibleTo("TalentNet.Backbone.Tests")]
