using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using ProtocolLang.Cli.Commands;

namespace ProtocolLang.Cli.Tests;

public sealed class RunTimingsTests : IClassFixture<ExampleRuns>
{
    private readonly ExampleRuns _runs;

    public RunTimingsTests(ExampleRuns runs)
    {
        _runs = runs;
    }

    [Fact]
    public void TimingsNameEveryStageOnStandardErrorAndLeaveTheReportsAsTheyWere()
    {
        using var temp = new TempFolder();
        var study = temp.CopyExample("timings");
        var captured = new CapturedOutput();

        var exit = RunCommand.Execute(new RunRequest(study, temp.Combine("out"), "json", _runs.Cache) { Timings = true }, captured.Output);

        Assert.Equal(ExitCodes.Success, exit);
        var lines = captured.Error.ToString().Split('\n').Where(l => l.StartsWith("timing:", StringComparison.Ordinal)).ToArray();
        Assert.All(lines, l => Assert.Matches(new Regex(@"^timing: +\d+\.\d{3} s wall +\d+\.\d{3} s cpu  \S"), l));
        var stages = lines.Select(l => l[(l.IndexOf("cpu  ", StringComparison.Ordinal) + 5)..]).ToArray();
        Assert.Equal(["compile", "load data", "cohort"], stages[..3]);
        Assert.Equal("[1] describe age, sex, CK, CMAS, MAS, myocardial, dysphagia, calcinosis by group", stages[3]);
        Assert.Equal(["reports", "total"], stages[^2..]);
        Assert.Equal(3 + 12 + 2, stages.Length);   // compile, load, cohort; the example's 12 analyses; reports, total
        Assert.DoesNotContain("timing:", captured.Out.ToString(), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, RunCommand.Execute(new RunRequest(study, temp.Combine("plain"), "json", _runs.Cache), new CapturedOutput().Output));
        Assert.Equal(File.ReadAllBytes(temp.Combine("plain", "results.json")), File.ReadAllBytes(temp.Combine("out", "results.json")));
    }

    [Fact]
    public void WithoutTheOptionNoTimingIsPrinted()
    {
        Assert.DoesNotContain("timing:", _runs.Cold.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("timing:", _runs.Cold.Out, StringComparison.Ordinal);
    }
}
