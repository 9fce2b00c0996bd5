using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using ProtocolLang.Runtime.Plan;

namespace ProtocolLang.Cli.Commands;

/// <summary>
/// <c>run --timings</c>: wall-clock time of each stage of a run, from the runtime's own progress
/// reports, written to standard error after the run so results and reports are unchanged. The runtime
/// reports the first analysis as starting when the cohort is defined, so building the study's
/// variables is counted in the first analysis; everything before the data load (reading the
/// study, compiling or taking the cached assembly) is "compile". Beside wall-clock time each stage
/// shows the process's CPU time (all threads), which a busy machine inflates far less. The tool runs
/// analyses concurrently and records them in protocol order, so an analysis' line is the time from the
/// previous analysis' recording to its own: the analyses' lines add up to their wall-clock time together.
/// </summary>
internal sealed class RunTimings : IProgress<StudyProgress>
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<(string Stage, TimeSpan Elapsed, TimeSpan Cpu)> _stages = [];
    private string _current = "compile";
    private TimeSpan _since;
    private TimeSpan _cpuSince = CpuTime();

    public void Report(StudyProgress value)
    {
        string? next = value.Stage switch
        {
            StudyProgressStage.LoadingData => "load data",
            StudyProgressStage.DataLoaded => "cohort",
            StudyProgressStage.AnalysisStarting => string.Create(CultureInfo.InvariantCulture, $"[{value.Index}] {value.Analysis}"),
            StudyProgressStage.Rendering => "reports",
            StudyProgressStage.Completed => "",
            _ => null,
        };
        if (next is null)
        {
            return;
        }

        TimeSpan now = _clock.Elapsed;
        TimeSpan cpu = CpuTime();
        _stages.Add((_current, now - _since, cpu - _cpuSince));
        _current = next;
        _since = now;
        _cpuSince = cpu;
    }

    /// <summary>One line per stage, seconds with millisecond resolution, then the total.</summary>
    public void Write(TextWriter error)
    {
        foreach (var (stage, elapsed, cpu) in _stages)
        {
            error.Write(Line(elapsed, cpu, stage));
        }

        error.Write(Line(_clock.Elapsed, CpuTime(), "total"));
    }

    private static string Line(TimeSpan wall, TimeSpan cpu, string stage) =>
        string.Create(CultureInfo.InvariantCulture, $"timing: {wall.TotalSeconds,8:0.000} s wall {cpu.TotalSeconds,8:0.000} s cpu  {stage}\n");

    private static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
