using System;
using System.Collections.Generic;
using System.Linq;

namespace ProtocolLang.Runtime.Plan;

public sealed partial class StudyRun
{
    private readonly List<PopulationDefinition> _populations = new();

    /// <summary>
    /// Registers a named population (<c>population PP "Per protocol": adherent and not deviated</c>) for analyses
    /// to run in (<see cref="AnalysisScope.Population"/>): an analysed subject is in when every condition is true;
    /// out, by the first condition that is not (false or missing). Call after <see cref="Cohort{TRow}"/>, before the analyses.
    /// </summary>
    /// <param name="conditions">One per top-level <c>and</c> conjunct, in the order written; empty = every analysed subject.</param>
    public void Population(string name, string label, IReadOnlyList<PopulationCondition> conditions)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(conditions);
        RequireCohort(conditions.Select(c => c.Condition));
        if (_analyses.Count > 0)
        {
            throw new InvalidOperationException($"Population '{name}' is registered after an analysis; register every population before the analyses.");
        }

        if (_populations.Any(p => string.Equals(p.Name, name, StringComparison.Ordinal)))
        {
            throw new ArgumentException($"Population '{name}' is already registered.", nameof(name));
        }

        _populations.Add(new PopulationDefinition(name, label, conditions.ToArray()));
    }

    /// <summary>The result id and text of an analysis that generated code names only by its text.</summary>
    private AnalysisInfo Derived(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new AnalysisInfo(_analyses.DerivedId(source), source);
    }

    /// <summary>The runs of one analysis on its scope: one, or one per level of its <c>within</c> variable.</summary>
    private IReadOnlyList<ScopedAnalysis> Scoped(AnalysisInfo analysis, IReadOnlyList<Variable> variables)
    {
        ArgumentNullException.ThrowIfNull(analysis.Id, nameof(analysis));
        ArgumentNullException.ThrowIfNull(analysis.Source, nameof(analysis));
        ArgumentNullException.ThrowIfNull(analysis.Scope, nameof(analysis));
        _analyses.CheckNewId(analysis.Id);
        Cohort cohort = RequireCohort(variables);
        if (!analysis.Scope.IsDefault)
        {
            throw new NotSupportedException($"Analysis '{analysis.Id}': scoped analyses (population, where, by, overall, within) are not implemented in this runtime yet.");
        }

        return [new ScopedAnalysis(analysis.Id, analysis.Source, cohort, null, null)];
    }

    private sealed record PopulationDefinition(string Name, string Label, IReadOnlyList<PopulationCondition> Conditions);
}
