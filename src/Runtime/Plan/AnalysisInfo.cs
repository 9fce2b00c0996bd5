using System;
using System.Collections.Generic;

namespace ProtocolLang.Runtime.Plan;

/// <summary>
/// What generated code tells the runtime about one analysis besides its inputs: its stable id (the
/// author's <c>as my_id</c>, else one the language derives from the analysis' text), its
/// whitespace-normalised <c>.study</c> text, and the subjects it runs on (<see cref="Scope"/>).
/// </summary>
/// <param name="Id">
/// <c>[a-z][a-z0-9_]*</c>, at most 64 characters, unique in the study. Results, figure files
/// (<c>figures/{Id}.svg</c>), report anchors and <c>protocollang diff</c> use it; a <c>within</c>
/// repetition's results carry <c>{Id}.{level}</c>.
/// </param>
/// <param name="Source">The analysis' own <c>.study</c> text, whitespace-normalised.</param>
public sealed record AnalysisInfo(string Id, string Source)
{
    /// <summary>The subjects the analysis runs on and how they are grouped; the default is the study's cohort by its groups.</summary>
    public AnalysisScope Scope { get; init; } = AnalysisScope.Default;
}

/// <summary>
/// Which subjects an analysis runs on and how it groups them. The default (every field unset) is the
/// v1 behaviour: every analysed subject of the cohort, by the study's groups.
/// </summary>
public sealed record AnalysisScope
{
    /// <summary>Every analysed subject, by the study's groups.</summary>
    public static AnalysisScope Default { get; } = new();

    /// <summary>A population registered with <see cref="StudyRun.Population"/>; null = every analysed subject.</summary>
    public string? Population { get; init; }

    /// <summary>The subject subset: code 1 is in; 0 or missing (-1) is left out and counted. Null = all.</summary>
    public BinaryVariable? Where { get; init; }

    /// <summary>The <c>.study</c> text of the <c>where</c> expression, for results and the report.</summary>
    public string? WhereText { get; init; }

    /// <summary>
    /// When a mixed model's <c>where</c> is split into a subject part (<see cref="Where"/>) and a row part
    /// (<see cref="RowWhereText"/>): the text of the subject part, which names the subjects it left out. Null: the
    /// subject subset is <see cref="WhereText"/> itself.
    /// </summary>
    public string? SubjectWhereText { get; init; }

    /// <summary>
    /// The text of a mixed model's row subset (the <c>and</c> parts of its <c>where</c> over the repeated outcome's rows),
    /// applied to its response (<see cref="Variables.Repeated{TChild}(ChildRows{TChild}, string, string, string?, string, System.Func{TChild, double?}, System.Func{TChild, double?}, System.Func{TChild, bool?}?, string?)"/>);
    /// the scope counts the rows it left out. Null: no row subset.
    /// </summary>
    public string? RowWhereText { get; init; }

    /// <summary>The response whose left-out rows <see cref="RowWhereText"/> counts; set by the analysis that applies it.</summary>
    internal RepeatedVariable? RowSubset { get; init; }

    /// <summary>
    /// Binary or categorical factors to group by (several are cross-classified, levels "A, B"); empty = the
    /// study's groups. Subjects with a missing factor value are left out of the analysis and counted.
    /// </summary>
    public IReadOnlyList<Variable> By { get; init; } = Array.Empty<Variable>();

    /// <summary>No grouping at all: one group <c>overall</c> labelled "Overall".</summary>
    public bool Overall { get; init; }

    /// <summary>Repeat the analysis within each level of this binary or categorical variable (results <c>{id}.{level}</c>).</summary>
    public Variable? Within { get; init; }

    /// <summary>True when the scope is the default one: the cohort by the study's groups.</summary>
    internal bool IsDefault => Population is null && Where is null && RowWhereText is null && By.Count == 0 && !Overall && Within is null;
}

/// <summary>One top-level <c>and</c> conjunct of a population's definition: its <c>.study</c> text and its value per analysed subject.</summary>
public sealed record PopulationCondition(string Text, BinaryVariable Condition);
