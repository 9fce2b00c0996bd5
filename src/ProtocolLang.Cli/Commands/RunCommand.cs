using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using ProtocolLang.Cli.Compilation;
using ProtocolLang.Cli.Status;
using ProtocolLang.Runtime.Data;
using ProtocolLang.Runtime.IO;
using ProtocolLang.Runtime.Plan;
using Spectre.Console;

namespace ProtocolLang.Cli.Commands;

/// <summary>
/// <c>protocollang run FILE.study [--out DIR] [--formats md,json]</c>: compiles (or takes from the cache),
/// runs and writes the reports. Exit codes: see <see cref="ExitCodes"/> (1 study errors, 2 data errors,
/// 3 usage, 4 a file or folder cannot be written, 70 internal error).
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The .study file to run." };
        var outDir = new Option<string?>("--out", "-o") { Description = "Where to write the reports (default: the study's report folder)." };
        var formats = new Option<string?>("--formats", "-f") { Description = "Report formats, comma-separated: md, html, json, docx (default: the study's)." };
        var allowOutside = new Option<string[]>("--allow-outside")
        {
            Description = "A file or folder outside the study's folder that its data, template or report path may use (repeatable).",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var timings = new Option<bool>("--timings") { Description = "Print the wall-clock time of each stage (compile, data, each analysis, reports) to standard error." };
        var command = new Command("run", "Compile and run a .study file and write its reports.") { file, outDir, formats, allowOutside, timings };
        command.SetAction(result => Execute(
            new RunRequest(result.GetRequiredValue(file), result.GetValue(outDir), result.GetValue(formats), AssemblyCache.DefaultDirectory())
            {
                AllowOutside = (result.GetValue(allowOutside) ?? []).Select(Path.GetFullPath).ToArray(),
                Timings = result.GetValue(timings),
            },
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

        var runner = new StudyRunner(new AssemblyCache(request.CacheDirectory), note => output.Error.Write("protocollang: note: " + note + "\n"));
        var outDir = request.OutputDirectory is null ? null : Path.GetFullPath(request.OutputDirectory);
        var hadErrors = false;
        void OnErrors(StudyCompilation compilation)
        {
            hadErrors = true;
            CheckCommand.WriteDiagnostics(compilation, output.Error);
        }

        var replaced = new ReplacedReport();
        var timings = request.Timings ? new RunTimings() : null;
        IProgress<StudyProgress> observer = timings is null ? replaced : new BothProgress(replaced, timings);
        StudyRunOutcome? outcome;
        try
        {
            outcome = output.ShowProgress
                ? AnsiConsole.Progress().AutoClear(false).HideCompleted(false).Columns(RunProgressDisplay.Columns()).Start(ctx =>
                {
                    var display = new RunProgressDisplay(ctx);
                    return runner.Run(study, outDir, formats, s => ShowStage(display, s), OnErrors, new BothProgress(observer, display), request.AllowOutside);
                })
                : runner.Run(study, outDir, formats, _ => { }, OnErrors, observer, request.AllowOutside);
        }
        catch (StudyDataException e)
        {
            output.Error.Write(e.Message + "\n");
            return e.IsSourceMismatch ? ExitCodes.SourceMismatch : ExitCodes.DataErrors;
        }
        catch (Runtime.Reports.ReportTemplateException e)
        {
            // The study's own report template is missing or broken (PL5040-PL5042): an error in the study.
            output.Error.Write(e.Message + "\n");
            return ExitCodes.ErrorsOrChanges;
        }
        catch (StudyPathException e)
        {
            // A declared template or report path leaves the study's folder (PL4041, PL4042): an error in the study.
            output.Error.Write(e.Message + "\n");
            return ExitCodes.ErrorsOrChanges;
        }
        catch (StudyIoException e)
        {
            output.Error.Write("protocollang: " + e.Message + "\n");
            return ExitCodes.IoError;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return InternalError.ReportIo(e, output.Error);
        }
#pragma warning disable CA1031 // The one place every unexpected exception becomes "internal error" and exit 70, never a raw stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return InternalError.Report(e, output.Error);
        }

        if (outcome is null)
        {
            return hadErrors ? ExitCodes.ErrorsOrChanges : ExitCodes.Usage;
        }

        RunSummary.Write(outcome, study.DisplayPath, outDir, output);
        timings?.Write(output.Error);
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
internal sealed record RunRequest(string StudyPath, string? OutputDirectory, string? Formats, string CacheDirectory)
{
    /// <summary>Full paths outside the study's folder that its declared paths may use (<c>--allow-outside</c>).</summary>
    public IReadOnlyList<string> AllowOutside { get; init; } = [];

    /// <summary>Print each stage's wall-clock time to standard error (<c>--timings</c>).</summary>
    public bool Timings { get; init; }
}
