using System;
using System.CommandLine;
using System.IO;
using ProtocolLang.Cli.Compilation;
using ProtocolLang.Cli.Status;
using ProtocolLang.Runtime.Data;
using ProtocolLang.Runtime.Plan;
using Spectre.Console;

namespace ProtocolLang.Cli.Commands;

/// <summary>
/// <c>protocollang run FILE.study [--out DIR] [--formats md,json]</c>: compiles (or takes from the cache),
/// runs and writes the reports. Exit 1 when the study has errors, 2 when its data cannot be analysed.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The .study file to run." };
        var outDir = new Option<string?>("--out", "-o") { Description = "Where to write the reports (default: the study's report folder)." };
        var formats = new Option<string?>("--formats", "-f") { Description = "Report formats, comma-separated: md, html, json (default: the study's)." };
        var command = new Command("run", "Compile and run a .study file and write its reports.") { file, outDir, formats };
        command.SetAction(result => Execute(
            new RunRequest(result.GetRequiredValue(file), result.GetValue(outDir), result.GetValue(formats), AssemblyCache.DefaultDirectory()),
            CliOutput.From(result)));
        return command;
    }

    public static int Execute(RunRequest request, CliOutput output)
    {
        var formats = ReportFormats.Parse(request.Formats, out var formatError);
        if (formatError is not null)
        {
            output.Error.Write("protocollang: " + formatError + "\n");
            return ExitCodes.Usage;
        }

        if (!StudyFiles.TryRead(request.StudyPath, output, out var study))
        {
            return ExitCodes.Usage;
        }

        var runner = new StudyRunner(new AssemblyCache(request.CacheDirectory));
        var outDir = request.OutputDirectory is null ? null : Path.GetFullPath(request.OutputDirectory);
        var hadErrors = false;
        void OnErrors(StudyCompilation compilation)
        {
            hadErrors = true;
            CheckCommand.WriteDiagnostics(compilation, output.Error);
        }

        var replaced = new ReplacedReport();
        StudyRunOutcome? outcome;
        try
        {
            outcome = output.ShowProgress
                ? AnsiConsole.Progress().AutoClear(false).HideCompleted(false).Columns(RunProgressDisplay.Columns()).Start(ctx =>
                {
                    var display = new RunProgressDisplay(ctx);
                    return runner.Run(study, outDir, formats, s => ShowStage(display, s), OnErrors, new BothProgress(replaced, display));
                })
                : runner.Run(study, outDir, formats, _ => { }, OnErrors, replaced);
        }
        catch (StudyDataException e)
        {
            output.Error.Write(e.Message + "\n");
            return ExitCodes.DataErrors;
        }
        catch (Runtime.Reports.ReportTemplateException e)
        {
            // The study's own report template is missing or broken (PL5040-PL5042): an error in the study.
            output.Error.Write(e.Message + "\n");
            return ExitCodes.ErrorsOrChanges;
        }

        if (outcome is null)
        {
            return hadErrors ? ExitCodes.ErrorsOrChanges : ExitCodes.Usage;
        }

        RunSummary.Write(outcome, study.DisplayPath, outDir, output);
        if (replaced.Notice(outcome.Results) is { } notice)
        {
            output.Out.Write(notice + "\n");
        }

        return ExitCodes.Success;
    }

    /// <summary>The runtime reports its own stages (data, each analysis, reports) in finer steps than "analyse".</summary>
    private static void ShowStage(RunProgressDisplay display, string stage)
    {
        if (stage != RunStage.Analyse)
        {
            display.Stage(stage);
        }
    }
}

/// <summary>Reports to two observers in turn.</summary>
internal sealed class BothProgress(IProgress<StudyProgress> first, IProgress<StudyProgress> second) : IProgress<StudyProgress>
{
    public void Report(StudyProgress value)
    {
        first.Report(value);
        second.Report(value);
    }
}

/// <summary>The arguments of <c>run</c>; the cache folder is explicit so tests can isolate it.</summary>
internal sealed record RunRequest(string StudyPath, string? OutputDirectory, string? Formats, string CacheDirectory);
