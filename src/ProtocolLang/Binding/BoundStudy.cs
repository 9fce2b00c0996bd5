using System.Collections.Immutable;
using System.Linq;

namespace ProtocolLang.Binding;

/// <summary>
/// The study after binding: every name resolved and every expression typed. It holds no syntax
/// nodes and no Roslyn symbols, only names, values and spans, so the emitter needs nothing else.
/// </summary>
/// <param name="StudyFileName">The <c>.study</c> file name without its directory.</param>
/// <param name="StudySha256">SHA-256 (lower-case hex) of the UTF-8 <c>.study</c> text.</param>
/// <param name="Tables">Declared tables; [0] is the subject table.</param>
public sealed record BoundStudy(
    string Name,
    string? Title,
    string? Version,
    string StudyFileName,
    string StudySha256,
    ImmutableArray<TableSymbol> Tables,
    ImmutableArray<BoundCriterion> Criteria,
    ImmutableArray<GroupSymbol> Groups,
    ImmutableArray<OutcomeSymbol> Outcomes,
    ImmutableArray<BoundAnalysis> Analyses,
    BoundReport Report)
{
    public TableSymbol SubjectTable => Tables[0];

    /// <summary><c>groups on_overlap exclude</c>: a subject in several groups is not analysed and is counted, instead of failing the run.</summary>
    public bool ExcludeOverlapping { get; init; }

    /// <summary><c>compute in engine</c>: the subject flow and every analysis are computed from the engine's sufficient statistics.</summary>
    public bool ComputeInEngine { get; init; }

    /// <summary>The named populations (<c>population PP "Per protocol": ...</c>), in declared order.</summary>
    public ImmutableArray<BoundPopulation> Populations { get; init; } = ImmutableArray<BoundPopulation>.Empty;

    /// <summary>The named group sets (<c>groups arm { ... }</c>), in declared order; the study's own groups are <see cref="Groups"/>.</summary>
    public ImmutableArray<GroupSetSymbol> GroupSets { get; init; } = ImmutableArray<GroupSetSymbol>.Empty;

    public TableSymbol? FindTable(string name) =>
        Tables.FirstOrDefault(t => string.Equals(t.Name, name, System.StringComparison.Ordinal));
}

/// <summary>The bound study (null when binding could not produce one) and the binding diagnostics.</summary>
public sealed record BindResult(BoundStudy? Study, ImmutableArray<Diagnostics.Diagnostic> Diagnostics);
