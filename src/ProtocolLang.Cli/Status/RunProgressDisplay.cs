using System;
using ProtocolLang.Runtime.Plan;
using Spectre.Console;

namespace ProtocolLang.Cli.Status;

/// <summary>
/// Shows a run on a terminal as Spectre.Console progress tasks: compiling, loading data, one task per
/// analysis ("[3/11] compare CMAS: ...") and writing the reports. Only used when standard output is a
/// terminal (<see cref="CliOutput.ShowProgress"/>); redirected output gets none of it.
/// </summary>
internal sealed class RunProgressDisplay : IProgress<StudyProgress>
{
    private const int MaxAnalysisText = 56;
    private readonly ProgressContext _context;
    private ProgressTask? _current;

    public RunProgressDisplay(ProgressContext context)
    {
        _context = context;
    }

    /// <summary>Description on the left, then a bar, the elapsed time and a spinner while running.</summary>
    public static ProgressColumn[] Columns() =>
        [new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new ElapsedTimeColumn(), new SpinnerColumn()];

    /// <summary>A stage of the tool itself (compiling, loading the compiled study).</summary>
    public void Stage(string description) => Start(description);

    public void Report(StudyProgress value)
    {
        switch (value.Stage)
        {
            case StudyProgressStage.LoadingData:
                Start("Loading data");
                break;
            case StudyProgressStage.AnalysisStarting:
                Start(AnalysisText(value));
                break;
            case StudyProgressStage.AnalysisFinished:
                // Without the plan's list there was no "starting" report: show the analysis as it finishes.
                if (value.Total is null)
                {
                    Start(AnalysisText(value));
                }

                Finish(value.Status is null or "ok" ? null : " [yellow](" + Markup.Escape(value.Status) + ")[/]");
                break;
            case StudyProgressStage.Rendering:
                Start("Writing the reports");
                break;
            default:
                Finish(null);
                break;
        }
    }

    /// <summary>"[3/11] compare CMAS: NXP2_JDM vs ..." shortened to fit a line.</summary>
    public static string AnalysisText(StudyProgress value)
    {
        var position = value.Total is { } total
            ? FormattableString.Invariant($"[{value.Index}/{total}] ")
            : FormattableString.Invariant($"[{value.Index}] ");
        var text = value.Analysis ?? "";
        return position + (text.Length <= MaxAnalysisText ? text : text[..(MaxAnalysisText - 1)] + "…");
    }

    private void Start(string description)
    {
        Finish(null);
        _current = _context.AddTask(Markup.Escape(description), autoStart: true, maxValue: 1);
        _current.IsIndeterminate = true;
    }

    private void Finish(string? suffix)
    {
        if (_current is null)
        {
            return;
        }

        if (suffix is not null)
        {
            _current.Description += suffix;
        }

        _current.IsIndeterminate = false;
        _current.Value = 1;
        _current.StopTask();
        _current = null;
    }
}
