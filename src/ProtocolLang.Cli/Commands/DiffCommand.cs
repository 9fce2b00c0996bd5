using System.CommandLine;
using System.Text.Json;
using ProtocolLang.Cli.Diff;

namespace ProtocolLang.Cli.Commands;

/// <summary><c>protocollang diff OLD NEW [--tolerance 1e-9]</c>: Markdown of what changed; exit 0 none, 1 changes.</summary>
internal static class DiffCommand
{
    public const double DefaultTolerance = 1e-9;

    public static Command Create()
    {
        var old = new Argument<string>("old") { Description = "The old results.json, or the report folder that holds it." };
        var @new = new Argument<string>("new") { Description = "The new results.json, or the report folder that holds it." };
        var tolerance = new Option<double>("--tolerance", "-t")
        {
            Description = "Relative tolerance under which two numbers count as equal.",
            DefaultValueFactory = _ => DefaultTolerance,
        };
        var command = new Command("diff", "Compare two results: exit code 0 when nothing changed, 1 when something did.") { old, @new, tolerance };
        command.SetAction(result => Execute(result.GetRequiredValue(old), result.GetRequiredValue(@new), result.GetValue(tolerance), CliOutput.From(result)));
        return command;
    }

    public static int Execute(string oldPath, string newPath, double tolerance, CliOutput output)
    {
        if (!(tolerance >= 0))
        {
            output.Error.Write("protocollang: --tolerance must be a number >= 0\n");
            return ExitCodes.Usage;
        }

        var oldFile = ResultsFiles.Locate(oldPath);
        var newFile = ResultsFiles.Locate(newPath);
        foreach (var (given, found) in new[] { (oldPath, oldFile), (newPath, newFile) })
        {
            if (found is null)
            {
                output.Error.Write("protocollang: no results.json at " + given + "\n");
                return ExitCodes.Usage;
            }
        }

        ResultsDiffReport report;
        try
        {
            report = ResultsDiff.Compare(ResultsFiles.Read(oldFile!), ResultsFiles.Read(newFile!), tolerance);
        }
        catch (JsonException e)
        {
            output.Error.Write("protocollang: not valid JSON: " + e.Message + "\n");
            return ExitCodes.Usage;
        }

        MarkdownDiffWriter.Write(output.Out, report, oldPath.Replace('\\', '/'), newPath.Replace('\\', '/'), tolerance);
        return report.HasChanges ? ExitCodes.ErrorsOrChanges : ExitCodes.Success;
    }
}
