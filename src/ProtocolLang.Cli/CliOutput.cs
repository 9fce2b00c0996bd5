using System;
using System.CommandLine;
using System.IO;

namespace ProtocolLang.Cli;

/// <summary>
/// Where a command writes: its standard output and error, and whether a progress display may be
/// shown (only when standard output is a terminal). Tests pass string writers and no progress.
/// </summary>
internal sealed record CliOutput(TextWriter Out, TextWriter Error, bool ShowProgress)
{
    /// <summary>The writers of the invocation (the console unless a caller set others); progress only on a terminal.</summary>
    public static CliOutput From(ParseResult result)
    {
        var configuration = result.InvocationConfiguration;
        var toConsole = ReferenceEquals(configuration.Output, Console.Out);
        return new(configuration.Output, configuration.Error, toConsole && !Console.IsOutputRedirected);
    }
}
