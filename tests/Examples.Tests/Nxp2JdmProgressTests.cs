using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ProtocolLang.Runtime.Plan;
using ProtocolLang.Studies.Nxp2Jdm;

namespace ProtocolLang.Examples.Tests;

/// <summary>The generated plan passes its list of analyses, so progress names each one before and after it runs.</summary>
public sealed class Nxp2JdmProgressTests : IDisposable
{
    private readonly string _output = Path.Combine(Path.GetTempPath(), "pl-nxp2-progress-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void EachAnalysisIsReportedStartingThenFinishedInProtocolOrderOutOfTheirCount()
    {
        var events = new List<StudyProgress>();
        var results = Nxp2JdmStudy.Run(new StudyRunOptions
        {
            StudyDirectory = RepositoryPaths.Combine("examples", "Nxp2Jdm"),
            OutputDirectory = _output,
            Progress = new Recorder(events),
        });

        int count = results.Analyses.Count;
        Assert.Equal(count, Nxp2JdmStudy.AnalysisPlan.Count);
        var expected = new List<string>
        {
            "LoadingData 0 " + count,
            "DataLoaded 0 " + count,
        };
        foreach (var analysis in results.Analyses)
        {
            expected.Add($"AnalysisStarting {analysis.Index} {count} {analysis.Source}");
            expected.Add($"AnalysisFinished {analysis.Index} {count} {analysis.Source}");
        }

        expected.Add("Rendering 0 " + count);
        expected.Add("Completed 0 " + count);
        Assert.Equal(expected, events.Select(e => $"{e.Stage} {e.Index} {e.Total} {e.Analysis}".TrimEnd()));
    }

    public void Dispose()
    {
        if (Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }
    }

    private sealed class Recorder(List<StudyProgress> events) : IProgress<StudyProgress>
    {
        public void Report(StudyProgress value) => events.Add(value);
    }
}
