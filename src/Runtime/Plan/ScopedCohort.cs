using System.Collections.Generic;
using System.Linq;

namespace ProtocolLang.Runtime.Plan;

/// <summary>
/// The subjects of one analysis' scope, as a cohort of their own: a subset of the run's cohort (population,
/// <c>where</c>, a <c>within</c> level) regrouped (the study's groups, <c>by</c> factors or <c>overall</c>).
/// The statistics code runs on it unchanged; <see cref="Subjects"/> ties each subject back to the run's cohort.
/// </summary>
internal sealed class ScopedCohort : Cohort
{
    public ScopedCohort(Cohort run, IReadOnlyList<string> groupNames, IReadOnlyList<string> groupLabels, int[] groupCodes, int[] subjects)
        : base(run.Table, groupNames, groupLabels, groupCodes, subjects.Select(s => run.Keys[s]).ToArray())
    {
        Run = run;
        Subjects = subjects;
    }

    /// <summary>The run's cohort the subjects come from.</summary>
    public Cohort Run { get; }

    /// <summary>For each subject in scope, its index in <see cref="Run"/>, ascending.</summary>
    public int[] Subjects { get; }

    /// <summary>
    /// What a model's <c>group</c> term is in this scope: "group" (the study's groups), or the <c>by</c> factors that
    /// regroup the subjects, named as <see cref="Results.AnalysisScopeResult.GroupingWords"/> names them ("sex";
    /// "arm, sex" when crossed), so terms, references and marginal means say which factor they are.
    /// </summary>
    public string GroupTerm { get; init; } = DefaultGroupTerm;

    internal const string DefaultGroupTerm = "group";

    /// <summary>The name of a <c>group</c> term on <paramref name="cohort"/>'s grouping.</summary>
    internal static string GroupTermOf(Cohort cohort) => cohort is ScopedCohort scoped ? scoped.GroupTerm : DefaultGroupTerm;
}
