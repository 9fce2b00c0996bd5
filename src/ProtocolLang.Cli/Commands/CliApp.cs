using System.CommandLine;

namespace ProtocolLang.Cli.Commands;

/// <summary>The <c>protocollang</c> command line: one subcommand per verb.</summary>
internal static class CliApp
{
    public static RootCommand Create() => new("ProtocolLang: check, generate, run and diff cohort study protocols (.study files), and tell whether a report is stale.")
    {
        CheckCommand.Create(),
        GenerateCommand.Create(),
        RunCommand.Create(),
        DiffCommand.Create(),
        StatusCommand.Create(),
        NewCommand.Create(),
    };
}
