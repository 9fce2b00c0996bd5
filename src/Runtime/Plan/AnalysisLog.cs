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
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    // Analyses of the plan finished: a within repetition records several results for one analysis.
    private int _finished;
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
    public void Begin() => ReportStarting(_finished + 1);

    /// <summary>
    /// The id of an analysis that generated code names only by its text (<see cref="AnalysisIds.FromSource"/>); a second
    /// analysis with the same text gets <c>_2</c>, a third <c>_3</c>, ..., so ids stay unique as the old plans' were by position.
    /// </summary>
    public string DerivedId(string source)
    {
        string id = AnalysisIds.FromSource(source);
        string unique = id;
        for (int n = 2; _ids.Contains(unique); n++)
        {
            unique = id + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return unique;
    }

    /// <summary>Throws unless <paramref name="id"/> has the form of an analysis id and no analysis of this run has it yet.</summary>
    public void CheckNewId(string id)
    {
        if (!AnalysisIds.IsValid(id))
        {
            throw new ArgumentException($"Analysis id '{id}' is not of the form [a-z][a-z0-9_]* (at most {AnalysisIds.MaxLength} characters).", nameof(id));
        }

        if (_ids.Contains(id))
        {
            throw new ArgumentException($"Two analyses have the id '{id}'; ids must be unique in a study.", nameof(id));
        }
    }

    /// <summary>Takes an analysis' id before it runs (a deferred analysis), so later analyses cannot take it.</summary>
    public void Reserve(string id) => _ids.Add(id);

    /// <summary>Records one result of the analysis that is running (one per level of a <c>within</c> repetition).</summary>
    public void Add(AnalysisResult result)
    {
        // A within repetition records '{id}.{level}'; its base id is taken once, by the first level.
        _ids.Add(result.Id.Split('.')[0]);
        _items.Add(result);
        _progress?.Report(new StudyProgress(StudyProgressStage.AnalysisFinished, _finished + 1, _plan?.Count, result.Source, result.Status));
    }

    /// <summary>The running analysis has recorded all its results: the next one of the plan starts.</summary>
    public void EndAnalysis()
    {
        _finished++;
        ReportStarting(_finished + 1);
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
