using System;
using System.Collections;
using System.Collections.Generic;
using ProtocolLang.Runtime.Results;

namespace ProtocolLang.Runtime.Plan;

/// <summary>
/// The analyses of a run in protocol order, and the one place that tells the progress observer about
/// them. Every analysis records exactly one result through <see cref="Add"/>, so "finished" needs no
/// hook in the analyses themselves; "starting" needs the plan's list of analyses (generated code passes
/// it): the next analysis is reported as starting when the previous one finishes, the first when the
/// cohort is defined, because the generated plan does nothing between two analyses.
/// </summary>
internal sealed class AnalysisLog : IReadOnlyList<AnalysisResult>
{
    private readonly List<AnalysisResult> _items = new();
    private readonly IProgress<StudyProgress>? _progress;
    private readonly IReadOnlyList<string>? _plan;

    public AnalysisLog(IProgress<StudyProgress>? progress, IReadOnlyList<string>? plan)
    {
        _progress = progress;
        _plan = plan;
    }

    public int Count => _items.Count;

    public AnalysisResult this[int index] => _items[index];

    public void Report(StudyProgressStage stage, string? outputDirectory = null) =>
        _progress?.Report(new StudyProgress(stage, 0, _plan?.Count ?? (stage == StudyProgressStage.Completed ? _items.Count : null), null, null, outputDirectory));

    /// <summary>Reports the first analysis of the plan as starting (once the cohort is defined).</summary>
    public void Begin() => ReportStarting(_items.Count + 1);

    public void Add(AnalysisResult result)
    {
        _items.Add(result);
        _progress?.Report(new StudyProgress(StudyProgressStage.AnalysisFinished, result.Index, _plan?.Count, result.Source, result.Status));
        ReportStarting(_items.Count + 1);
    }

    public AnalysisResult[] ToArray() => _items.ToArray();

    public IEnumerator<AnalysisResult> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private void ReportStarting(int index)
    {
        if (_plan is not null && index <= _plan.Count)
        {
            _progress?.Report(new StudyProgress(StudyProgressStage.AnalysisStarting, index, _plan.Count, _plan[index - 1]));
        }
    }
}
