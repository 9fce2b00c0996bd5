using System.IO;
using System.Text.RegularExpressions;
using ProtocolLang.Cli.Status;
using ProtocolLang.Runtime.Plan;
using Spectre.Console;

namespace ProtocolLang.Cli.Tests;

public sealed class RunProgressDisplayTests
{
    [Fact]
    public void EachAnalysisBecomesATaskNamedWithItsPositionAndText()
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 120;

        console.Progress().AutoRefresh(false).Columns(RunProgressDisplay.Columns()).Start(ctx =>
        {
            var display = new RunProgressDisplay(ctx);
            display.Report(new StudyProgress(StudyProgressStage.LoadingData, 0, 2, null));
            display.Report(new StudyProgress(StudyProgressStage.DataLoaded, 0, 2, null));
            display.Report(new StudyProgress(StudyProgressStage.AnalysisStarting, 1, 2, "describe age by group"));
            display.Report(new StudyProgress(StudyProgressStage.AnalysisFinished, 1, 2, "describe age by group", "ok"));
            display.Report(new StudyProgress(StudyProgressStage.AnalysisStarting, 2, 2, "model cox Relapse ~ group"));
            display.Report(new StudyProgress(StudyProgressStage.AnalysisFinished, 2, 2, "model cox Relapse ~ group", "failed"));
            display.Report(new StudyProgress(StudyProgressStage.Rendering, 0, 2, null));
            display.Report(new StudyProgress(StudyProgressStage.Completed, 0, 2, null));
        });

        // The display redraws in place with cursor movements; the final frame holds every task.
        var text = Regex.Replace(writer.ToString(), "\u001b\\[[0-9;?]*[A-Za-z]", string.Empty);
        Assert.Contains("[1/2] describe age by group", text, System.StringComparison.Ordinal);
        Assert.Contains("[2/2] model cox Relapse ~ group (failed)", text, System.StringComparison.Ordinal);
        Assert.Contains("Writing the reports", text, System.StringComparison.Ordinal);
    }

    [Fact]
    public void ALongAnalysisIsShortenedToOneLine()
    {
        var text = RunProgressDisplay.AnalysisText(new StudyProgress(StudyProgressStage.AnalysisStarting, 3, 11, new string('x', 200)));

        Assert.StartsWith("[3/11] xxx", text, System.StringComparison.Ordinal);
        Assert.EndsWith("x…", text, System.StringComparison.Ordinal);
        Assert.Equal("[3/11] ".Length + 56, text.Length);
    }
}
