using System.CommandLine;
using System.IO;
using ProtocolLang.Cli.Compilation;

namespace ProtocolLang.Cli.Commands;

/// <summary><c>protocollang check FILE.study</c>: diagnostics only; exit 1 on errors.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The .study file to check." };
        var command = new Command("check", "Report the diagnostics of a .study file; exit code 1 when it has errors.") { file };
        command.SetAction(result => Execute(result.GetRequiredValue(file), CliOutput.From(result)));
        return command;
    }

    public static int Execute(string path, CliOutput output)
    {
        if (!StudyFiles.TryRead(path, output, out var study))
        {
            return ExitCodes.Usage;
        }

        var compilation = StudyCompiler.Compile(study.DisplayPath, study.Text);
        WriteDiagnostics(compilation, output.Out);
        return compilation.HasErrors ? ExitCodes.ErrorsOrChanges : ExitCodes.Success;
    }

    /// <summary>Every diagnostic with its source line and caret, then a one-line count.</summary>
    public static void WriteDiagnostics(StudyCompilation compilation, TextWriter writer)
    {
        foreach (var diagnostic in compilation.Diagnostics)
        {
            DiagnosticFormatter.Write(writer, compilation.Source, diagnostic);
        }

        var errors = 0;
        var warnings = 0;
        foreach (var diagnostic in compilation.Diagnostics)
        {
            if (diagnostic.Severity == Diagnostics.DiagnosticSeverity.Error)
            {
                errors++;
            }
            else if (diagnostic.Severity == Diagnostics.DiagnosticSeverity.Warning)
            {
                warnings++;
            }
        }

        writer.Write(System.FormattableString.Invariant($"{Path.GetFileName(compilation.Source.Path)}: {errors} error(s), {warnings} warning(s)\n"));
    }
}
