using System;
using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Runtime.Results;
using ProtocolLang.Runtime.Statistics;

namespace ProtocolLang.Runtime.Tests.Plan;

public sealed class StudyProgressTests
{
    [Fact]
    public void AHandWrittenPlanReportsLoadingEachFinishedAnalysisInProtocolOrderAndRendering()
    {
        using var folder = new StudyFolder();
        var progress = new RecordingProgress();
        StudyResults results = SmallStudy.Run(WithProgress(folder.Options("out", ReportFormat.Json), progress));

        var stages = progress.Events.Select(e => e.Stage).ToArray();
        Assert.Equal(StudyProgressStage.LoadingData, stages[0]);
        Assert.Equal(StudyProgressStage.DataLoaded, stages[1]);
        Assert.Equal([StudyProgressStage.Rendering, StudyProgressStage.Completed], stages[^2..]);

        // Without the plan's list of analyses nothing is reported as starting: only what finished.
        var finished = progress.Events.Where(e => e.Stage == StudyProgressStage.AnalysisFinished).ToArray();
        Assert.DoesNotContain(StudyProgressStage.AnalysisStarting, stages);
        Assert.Equal(results.Analyses.Count, finished.Length);
        Assert.Equal(Enumerable.Range(1, results.Analyses.Count), finished.Select(e => e.Index));
        Assert.Equal(results.Analyses.Select(a => a.Source), finished.Select(e => e.Analysis));
        Assert.Equal(results.Analyses.Select(a => a.Status), finished.Select(e => e.Status));
        Assert.All(finished, e => Assert.Null(e.Total));
        Assert.Equal(results.Analyses.Count, progress.Events[^1].Total);
    }

    [Fact]
    public void WithThePlansListEachAnalysisIsReportedStartingThenFinishedOutOfTheTotal()
    {
        using var folder = new StudyFolder();
        var plan = new[] { "describe age by group", "compare age: Alpha vs Beta using t_test" };
        var progress = new RecordingProgress();
        var run = new StudyRun(SmallStudy.Schema, WithProgress(folder.Options("out", ReportFormat.Json), progress),
            new[] { ReportFormat.Json }, "report", plan);
        var subjects = run.Cohort(SmallStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, SmallStudy.Criteria, SmallStudy.Groups);
        var age = Variables.Continuous(subjects, "age", "Age", "years", Summary.Median, r => r.Age);
        run.Describe(plan[0], age);
        run.Compare(plan[1], new Variable[] { age }, new Pairing.TwoGroups("Alpha", "Beta"), TestKind.TTest, AdjustMethod.None);
        run.Complete();

        var analysisEvents = progress.Events
            .Where(e => e.Stage is StudyProgressStage.AnalysisStarting or StudyProgressStage.AnalysisFinished)
            .Select(e => (e.Stage, e.Index, e.Total, e.Analysis))
            .ToArray();
        Assert.Equal(
            new (StudyProgressStage, int, int?, string?)[]
            {
                (StudyProgressStage.AnalysisStarting, 1, 2, plan[0]),
                (StudyProgressStage.AnalysisFinished, 1, 2, plan[0]),
                (StudyProgressStage.AnalysisStarting, 2, 2, plan[1]),
                (StudyProgressStage.AnalysisFinished, 2, 2, plan[1]),
            },
            analysisEvents);
    }

    [Fact]
    public void ProgressDoesNotChangeTheResults()
    {
        using var folder = new StudyFolder();
        string without = ResultsJson.Serialize(SmallStudy.Run(folder.Options("a", ReportFormat.Json)));
        string with = ResultsJson.Serialize(SmallStudy.Run(WithProgress(folder.Options("b", ReportFormat.Json), new RecordingProgress())));

        Assert.Equal(without, with);
    }

    [Fact]
    public void DataThatCannotBeAnalysedIsReportedAsLoadingOnly()
    {
        using var folder = new StudyFolder();
        System.IO.File.WriteAllText(System.IO.Path.Combine(folder.Directory, SmallStudy.Schema.Tables[0].Source), "not,the,header\n");
        var progress = new RecordingProgress();

        Assert.Throws<ProtocolLang.Runtime.Data.StudyDataException>(() => SmallStudy.Run(WithProgress(folder.Options(), progress)));
        Assert.Equal([StudyProgressStage.LoadingData], progress.Events.Select(e => e.Stage));
    }

    [Fact]
    public void AWithinRepetitionFinishesOnceForEachLevelAndTheNextAnalysisStartsAfterTheLast()
    {
        using var folder = new StudyFolder();
        var plan = new[] { "describe age by group within sex", "describe age by group" };
        var progress = new RecordingProgress();
        var run = new StudyRun(SmallStudy.Schema, WithProgress(folder.Options("out", ReportFormat.Json), progress),
            new[] { ReportFormat.Json }, "report", plan);
        var subjects = run.Cohort(SmallStudy.ReadSubjects(run.Table("subjects")), r => r.Id, r => r.SourceRow, SmallStudy.Criteria, SmallStudy.Groups);
        var age = Variables.Continuous(subjects, "age", "Age", "years", Summary.Median, r => r.Age);
        var sex = Variables.Categorical(subjects, "sex", "Sex", new[] { "F", "M" }, r => (int)r.Sex);
        run.Describe(new AnalysisInfo("t1", plan[0]) { Scope = new() { Within = sex } }, age);
        run.Describe(plan[1], age);

        var analysisEvents = progress.Events
            .Where(e => e.Stage is StudyProgressStage.AnalysisStarting or StudyProgressStage.AnalysisFinished)
            .Select(e => (e.Stage, e.Index, e.Analysis))
            .ToArray();
        Assert.Equal(
            new (StudyProgressStage, int, string?)[]
            {
                (StudyProgressStage.AnalysisStarting, 1, plan[0]),
                (StudyProgressStage.AnalysisFinished, 1, plan[0]),
                (StudyProgressStage.AnalysisFinished, 1, plan[0]),
                (StudyProgressStage.AnalysisStarting, 2, plan[1]),
                (StudyProgressStage.AnalysisFinished, 2, plan[1]),
            },
            analysisEvents);
    }

    private static StudyRunOptions WithProgress(StudyRunOptions options, IProgress<StudyProgress> progress) => new()
    {
        StudyDirectory = options.StudyDirectory,
        OutputDirectory = options.OutputDirectory,
        Formats = options.Formats,
        Progress = progress,
    };

    /// <summary>Records reports synchronously (System.Progress would post them to a thread pool).</summary>
    private sealed class RecordingProgress : IProgress<StudyProgress>
    {
        public List<StudyProgress> Events { get; } = new();

        public void Report(StudyProgress value) => Events.Add(value);
    }
}
