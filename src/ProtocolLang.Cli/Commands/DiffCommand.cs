using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Text.Json;
using ProtocolLang.Cli.Diff;

namespace ProtocolLang.Cli.Commands;

/// <summary>The request of <c>protocollang diff</c>, as parsed from its arguments.</summary>
internal sealed record DiffRequest(
    string Old,
    string New,
    double Tolerance = DiffCommand.DefaultTolerance,
    string Format = "md",
    double Alpha = ResultsDiff.DefaultAlpha,
    string? OldData = null,
    string? NewData = null);

/// <summary>
/// <c>protocollang diff OLD NEW [--format md|html|json] [--old-data DIR] [--new-data DIR] [--alpha 0.05] [--tolerance 1e-9]</c>:
/// what changed between two results, in estimates; exit 0 none, 1 changes, 2 usage.
/// </summary>
internal static class DiffCommand
{
    public const double DefaultTolerance = 1e-9;

    private static readonly string[] Formats = ["md", "html", "json"];

    public static Command Create()
    {
        var old = new Argument<string>("old") { Description = "The old results.json, or the report folder that holds it." };
        var @new = new Argument<string>("new") { Description = "The new results.json, or the report folder that holds it." };
        var tolerance = new Option<double>("--tolerance", "-t")
        {
            Description = "Relative tolerance under which two numbers count as equal (for the exit code; the report compares rounded values).",
            DefaultValueFactory = _ => DefaultTolerance,
        };
        var format = new Option<string>("--format", "-f") { Description = "md (default), html (one self-contained page) or json.", DefaultValueFactory = _ => "md" };
        var alpha = new Option<double>("--alpha") { Description = "The significance level at which a p-value's conclusion flips.", DefaultValueFactory = _ => ResultsDiff.DefaultAlpha };
        var oldData = new Option<string?>("--old-data") { Description = "The old run's study folder (or the folder of its CSV files), to list rows added, removed and changed." };
        var newData = new Option<string?>("--new-data") { Description = "The new run's study folder (or CSV folder); found beside the results when its hash matches." };
        var command = new Command("diff", "Compare two results by analysis id, estimates rounded as the report: exit code 0 when nothing changed, 1 when something did.")
        {
            old, @new, tolerance, format, alpha, oldData, newData,
        };
        command.SetAction(result => Execute(
            new DiffRequest(result.GetRequiredValue(old), result.GetRequiredValue(@new), result.GetValue(tolerance), result.GetValue(format) ?? "md",
                result.GetValue(alpha), result.GetValue(oldData), result.GetValue(newData)),
            CliOutput.From(result)));
        return command;
    }

    public static int Execute(string oldPath, string newPath, double tolerance, CliOutput output) =>
        Execute(new DiffRequest(oldPath, newPath, tolerance), output);

    public static int Execute(DiffRequest request, CliOutput output)
    {
        if (!(request.Tolerance >= 0))
        {
            return Usage(output, "--tolerance must be a number >= 0");
        }

        if (!(request.Alpha is > 0 and < 1))
        {
            return Usage(output, "--alpha must be a number between 0 and 1");
        }

        if (Array.IndexOf(Formats, request.Format) < 0)
        {
            return Usage(output, "--format must be md, html or json, not '" + request.Format + "'");
        }

        foreach (var (option, folder) in new[] { ("--old-data", request.OldData), ("--new-data", request.NewData) })
        {
            if (folder is not null && !Directory.Exists(folder))
            {
                return Usage(output, option + ": no folder " + folder);
            }
        }

        var oldFile = ResultsFiles.Locate(request.Old);
        var newFile = ResultsFiles.Locate(request.New);
        foreach (var (given, found) in new[] { (request.Old, oldFile), (request.New, newFile) })
        {
            if (found is null)
            {
                return Usage(output, "no results.json at " + given);
            }
        }

        ResultsDiffReport report;
        string? reading = null;
        try
        {
            reading = oldFile;
            var old = ResultsFiles.Read(oldFile!);
            reading = newFile;
            var @new = ResultsFiles.Read(newFile!);
            reading = null;
            var options = new DiffOptions(
                request.Tolerance, request.Alpha, request.Old.Replace('\\', '/'), request.New.Replace('\\', '/'),
                request.OldData, request.NewData, Guesses(oldFile!), Guesses(newFile!));
            report = ResultsDiff.Compare(old, @new, options);
        }
        catch (JsonException e) when (reading is not null)
        {
            return Usage(output, reading + ": not valid JSON: " + e.Message);
        }
        catch (DataFileMismatchException e)
        {
            return Usage(output, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Usage(output, (reading is null ? string.Empty : reading + ": ") + e.Message);
        }

        switch (request.Format)
        {
            case "html":
                HtmlDiffWriter.Write(output.Out, report);
                break;
            case "json":
                JsonDiffWriter.Write(output.Out, report);
                break;
            default:
                MarkdownDiffWriter.Write(output.Out, report);
                break;
        }

        return report.HasChanges ? ExitCodes.ErrorsOrChanges : ExitCodes.Success;
    }

    /// <summary>Where a run's data may be when not named: the report folder's parent (the study folder, as <c>run</c> lays it out), and the current folder.</summary>
    private static List<string> Guesses(string resultsFile)
    {
        var guesses = new List<string>();
        var report = Path.GetDirectoryName(Path.GetFullPath(resultsFile));
        if (report is not null && Path.GetDirectoryName(report) is { } study)
        {
            guesses.Add(study);
        }

        guesses.Add(Directory.GetCurrentDirectory());
        return guesses;
    }

    private static int Usage(CliOutput output, string message)
    {
        output.Error.Write("protocollang: " + message + "\n");
        return ExitCodes.Usage;
    }
}
