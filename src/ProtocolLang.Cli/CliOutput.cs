using System;
using System.IO;

namespace ProtocolLang.Cli;

/// <summary>
/// Where a command writes: its standard output and error, and whether a progress display may be
/// shown (only when standard output is a terminal). Tests pass string writers and no progress.
/// </summary>
internal sealed record CliOutput(TextWriter Out, TextWriter Error, bool ShowProgress)
{
    public static CliOutput FromConsole() => new(Console.Out, Console.Error, !Console.IsOutputRedirected);
}
