using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Statistics;

namespace ProtocolLang.Runtime.Tests.Plan;

public sealed class ParallelAnalysesTests
{
    [Fact]
    public void AnalysesRunInParallelGiveByteIdenticalReportsAndTheSameProgressAsASequentialRun()
    {
        using var folder = new StudyFolder();
        var sequentialProgress = new RecordingProgress();
        var parallelProgress = new RecordingProgress();

        SmallStudy.Run(Options(folder.Options("sequential", ReportFormat.Json, ReportFormat.Markdown), sequentialProgress, parallel: false));
        SmallStudy.Run(Options(folder.Options("parallel", ReportFormat.Json, ReportFormat.Markdown), parallelProgress, parallel: true));

        foreach (string file in new[] { "results.json", "report.md" })
        {
            Assert.Equal(
                File.ReadAllText(Path.Combine(folder.Output("sequential"), file)).Replace("sequential", "OUT", StringComparison.Ordinal),
                File.ReadAllText(Path.Combine(folder.Output("parallel"), file)).Replace("parallel", "OUT", StringComparison.Ordinal));
        }

        Assert.True(sequentialProgress.Events.Count > 10);
        Assert.Equal(
            sequentialProgress.Events.Select(e => (e.Stage, e.Index, e.Analysis, e.Status)),
            parallelProgress.Events.Select(e => (e.Stage, e.Index, e.Analysis, e.Status)));
    }

    [Fact]
    public void AQueuedAnalysisRunsWhenItsResultsAreReadAndTakesItsIdAtOnce()
    {
        using var folder = new StudyFolder();
        var run = new StudyRun(SmallStudy.Schema, Options(folder.Options("out", ReportFormat.Json), null, parallel: true), new[] { ReportFormat.Json }, "report");
        var subjects = run.Cohort(SmallStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, SmallStudy.Criteria, SmallStudy.Groups);
        var age = Variables.Continuous(subjects, "age", "Age", "years", Summary.Median, r => r.Age);

        run.Describe("describe age by group", age);
        run.Describe("describe age by group", age);

        string id = run.Analyses[0].Id;
        Assert.Equal([id, id + "_2"], run.Analyses.Select(a => a.Id));
        Assert.Equal([1, 2], run.Analyses.Select(a => a.Index));
    }

    [Fact]
    public void AnAnalysisThatThrowsStopsTheRunAfterRecordingTheOnesBeforeIt()
    {
        using var folder = new StudyFolder();
        var run = new StudyRun(SmallStudy.Schema, Options(folder.Options("out", ReportFormat.Json), null, parallel: true), new[] { ReportFormat.Json }, "report");
        var subjects = run.Cohort(SmallStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, SmallStudy.Criteria, SmallStudy.Groups);
        var age = Variables.Continuous(subjects, "age", "Age", "years", Summary.Median, r => r.Age);
        run.Describe("describe age by group", age);

        // A population that was never registered is a programming error, found when the analysis works out its scope.
        run.Describe(new AnalysisInfo("in_nope", "describe age by group in nope") { Scope = new AnalysisScope { Population = "nope" } }, age);
        run.Describe("describe age overall", age);

        var thrown = Record.Exception(() => run.Analyses);
        Assert.IsType<ArgumentException>(thrown);
        Assert.Contains("'nope'", thrown.Message, StringComparison.Ordinal);
        Assert.Equal(["describe age by group"], run.Analyses.Select(a => a.Source));
    }

    private static StudyRunOptions Options(StudyRunOptions options, IProgress<StudyProgress>? progress, bool parallel) => new()
    {
        StudyDirectory = options.StudyDirectory,
        OutputDirectory = options.OutputDirectory,
        Formats = options.Formats,
        Progress = progress,
        ParallelAnalyses = parallel,
    };

    private sealed class RecordingProgress : IProgress<StudyProgress>
    {
        private readonly object _gate = new();

        public List<StudyProgress> Events { get; } = new();

        public void Report(StudyProgress value)
        {
            lock (_gate)
            {
                Events.Add(value);
            }
        }
    }
}
