namespace ProtocolLang.Runtime.Plan;

/// <summary>Where a study run is, as reported to <see cref="StudyRunOptions.Progress"/>.</summary>
public enum StudyProgressStage
{
    /// <summary>Reading and validating the data files.</summary>
    LoadingData,

    /// <summary>The data files were read and validated.</summary>
    DataLoaded,

    /// <summary>An analysis is about to run (only when the plan lists its analyses).</summary>
    AnalysisStarting,

    /// <summary>An analysis has recorded its result; <see cref="StudyProgress.Status"/> is its status.</summary>
    AnalysisFinished,

    /// <summary>The results are built; the reports are being rendered and written.</summary>
    Rendering,

    /// <summary>The reports are written.</summary>
    Completed,
}

/// <summary>
/// One progress report of a study run. Progress never changes the results: it is reported
/// synchronously, on the run's thread, after the state it describes.
/// </summary>
/// <param name="Index">The analysis' position in the protocol, from 1; 0 for stages not about one analysis.</param>
/// <param name="Total">The number of analyses in the plan; null when the plan does not list them.</param>
/// <param name="Analysis">The analysis' <c>.study</c> text; null for stages not about one analysis.</param>
/// <param name="Status">For <see cref="StudyProgressStage.AnalysisFinished"/>: "ok", "not_implemented" or "failed".</param>
/// <param name="OutputDirectory">
/// For <see cref="StudyProgressStage.Rendering"/> and <see cref="StudyProgressStage.Completed"/>: where the
/// reports go. At Rendering nothing is written yet, so a caller can still read the report it replaces.
/// </param>
public sealed record StudyProgress(StudyProgressStage Stage, int Index, int? Total, string? Analysis, string? Status = null, string? OutputDirectory = null);
