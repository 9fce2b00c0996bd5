using System.Collections.Generic;
using System.Linq;
using ProtocolLang.Runtime.Results;

namespace ProtocolLang.Runtime.Plan;

/// <summary>
/// One run of an analysis on its scope: the id its result carries (<c>{id}.{level}</c> for a <c>within</c>
/// repetition), the subjects and grouping it runs on (<see cref="Cohort"/>), and how to carry a variable of
/// the run's cohort onto those subjects. The statistics code sees only this cohort and mapped variables,
/// so it is the same for every scope.
/// </summary>
internal sealed class ScopedAnalysis
{
    private readonly ScopeMapping? _mapping;

    public ScopedAnalysis(string id, string source, Cohort cohort, AnalysisScopeResult? result, ScopeMapping? mapping, IReadOnlyList<WarningResult>? warnings = null)
    {
        Id = id;
        Source = source;
        Cohort = cohort;
        Result = result;
        _mapping = mapping;
        Warnings = warnings ?? [];
    }

    public string Id { get; }

    public string Source { get; }

    /// <summary>The subjects in scope with their groups (the run's cohort itself for the default scope).</summary>
    public Cohort Cohort { get; }

    /// <summary>What results.json says about the scope; null for the default scope.</summary>
    public AnalysisScopeResult? Result { get; }

    /// <summary>What the scope itself has to say (subjects left out by a missing factor, by the subset), before the analysis' own warnings.</summary>
    public IReadOnlyList<WarningResult> Warnings { get; }

    /// <summary>The variable on <see cref="Cohort"/>'s subjects.</summary>
    public T Map<T>(T variable)
        where T : Variable => _mapping is null ? variable : (T)_mapping.Map(variable);

    public Variable[] Map(IReadOnlyList<Variable> variables) => variables.Select(Map).ToArray();

    public CoxSpec Map(CoxSpec spec) => _mapping is null
        ? spec
        : spec with
        {
            Outcome = Map(spec.Outcome),
            Terms = spec.Terms.Select(Map).ToArray(),
            Strata = Map(spec.Strata),
            Subgroups = spec.Subgroups is { } subgroups ? subgroups with { Factors = subgroups.Factors.Select(Map).ToArray() } : null,
        };

    private CoxTerm Map(CoxTerm term) => term.IsInteraction
        ? term with { Interaction = term.Interaction.Select(Map).ToArray() }
        : term.Covariate is null ? term : term with { Covariate = Map(term.Covariate) };

    public MixedModelSpec Map(MixedModelSpec spec) => _mapping is null
        ? spec
        : spec with
        {
            Response = Map(spec.Response),
            FixedTerms = spec.FixedTerms
                .Select(t => t with { Factors = t.Factors.Select(f => f.Covariate is null ? f : f with { Covariate = Map(f.Covariate) }).ToArray() })
                .ToArray(),
        };

    public LinearSpec Map(LinearSpec spec) => _mapping is null
        ? spec
        : spec with
        {
            Response = Map(spec.Response),
            Terms = spec.Terms
                .Select(t => t with { Factors = t.Factors.Select(f => f.Covariate is null ? f : f with { Covariate = Map(f.Covariate) }).ToArray() })
                .ToArray(),
        };

    public GlmSpec Map(GlmSpec spec) => _mapping is null
        ? spec
        : spec with
        {
            Response = Map(spec.Response),
            Offset = spec.Offset is null ? null : Map(spec.Offset),
            Terms = spec.Terms
                .Select(t => t with { Factors = t.Factors.Select(f => f.Covariate is null ? f : f with { Covariate = Map(f.Covariate) }).ToArray() })
                .ToArray(),
        };
}
