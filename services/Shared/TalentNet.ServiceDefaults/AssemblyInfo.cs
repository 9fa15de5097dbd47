using System.Runtime.CompilerServices;

// The platform tests drive the token cache on a fake clock.
[assembly: InternalsVisibleTo("TalentNet.Platform.Tests")]
