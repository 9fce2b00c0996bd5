using System.Collections.Generic;

namespace ProtocolLang.Runtime.Plan;

/// <summary>Where a study run finds its data and writes its reports.</summary>
public sealed class StudyRunOptions
{
    /// <summary>The folder of the <c>.study</c> file; data paths are relative to it.</summary>
    public required string StudyDirectory { get; init; }

    /// <summary>Where reports go; default: the study's <c>report</c> path, relative to <see cref="StudyDirectory"/>.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>
    /// Files or folders outside <see cref="StudyDirectory"/> that the study's data (<c>from</c>), report
    /// template and report folder may use; relative paths are relative to <see cref="StudyDirectory"/>.
    /// By default none: a declared path that leaves the study's folder (<c>..</c>, an absolute path, a
    /// symbolic link) is refused (PL4040-PL4042). <see cref="OutputDirectory"/>, given by the caller, needs no allowance.
    /// </summary>
    public IReadOnlyList<string>? AllowOutside { get; init; }

    /// <summary>The report formats to write; default: the formats declared in the study.</summary>
    public IReadOnlyList<ReportFormat>? Formats { get; init; }

    /// <summary>
    /// Told where the run is: data loading, each analysis before and after it runs, rendering.
    /// Reported synchronously, one report at a time and in protocol order (so <see cref="System.Progress{T}"/>,
    /// which posts to a synchronisation context, may report late); with <see cref="ParallelAnalyses"/> an
    /// analysis' reports may come from a worker thread. It never changes the results.
    /// </summary>
    public System.IProgress<StudyProgress>? Progress { get; init; }

    /// <summary>
    /// Run independent analyses concurrently, on as many threads as the machine has cores: each analysis
    /// call only queues the analysis, and they run when the results are needed (<see cref="StudyRun.Complete"/>
    /// or <see cref="StudyRun.Analyses"/>). Results are recorded in protocol order and are byte-identical to a
    /// sequential run; an analysis that throws stops the run with its exception, as it would sequentially
    /// (the analyses before it are recorded). Default false: each call runs its analysis at once.
    /// </summary>
    public bool ParallelAnalyses { get; init; }

    /// <summary>Rows of a CSV read into memory from which the console suggests <c>compute in engine</c>; tests lower it.</summary>
    internal int LargeCsvHintRows { get; init; } = StudyRun.LargeCsvRows;
}

/// <summary>A report output: <c>report.md</c>, <c>report.html</c>, <c>results.json</c> or <c>report.docx</c>.</summary>
public enum ReportFormat
{
    Markdown,
    Html,
    Json,

    /// <summary><c>report.docx</c>: the report as a Word document (Reports/Docx); not among a study's default formats.</summary>
    Docx,
}
