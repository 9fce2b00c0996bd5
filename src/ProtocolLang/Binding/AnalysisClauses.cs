using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ProtocolLang.Catalog;
using ProtocolLang.Syntax;

namespace ProtocolLang.Binding;

/// <summary>
/// The clauses of one analysis after the catalog checks: at most one per keyword (the first; repeats are reported),
/// only the kind's options. Typed accessors read a value in the registry's shape.
/// </summary>
internal sealed class AnalysisClauses(AnalysisSyntax syntax, AnalysisKind kind, Dictionary<string, ClauseSyntax> clauses)
{
    public AnalysisSyntax Syntax { get; } = syntax;

    public AnalysisKind Kind { get; } = kind;

    public ClauseSyntax? this[string keyword] => clauses.TryGetValue(keyword, out var clause) ? clause : null;

    public bool Has(string keyword) => clauses.ContainsKey(keyword);

    public IdentifierSyntax? Word(string keyword) => (this[keyword]?.Value as WordValueSyntax)?.Word;

    public ImmutableArray<IdentifierSyntax> Words(string keyword) =>
        (this[keyword]?.Value as WordListValueSyntax)?.Words ?? ImmutableArray<IdentifierSyntax>.Empty;

    public NumberSyntax? Number(string keyword) => (this[keyword]?.Value as NumberValueSyntax)?.Number;

    public ImmutableArray<NumberSyntax> Numbers(string keyword) =>
        (this[keyword]?.Value as NumberListValueSyntax)?.Numbers ?? ImmutableArray<NumberSyntax>.Empty;

    public ExpressionSyntax? Expression(string keyword) => (this[keyword]?.Value as ExpressionValueSyntax)?.Expression;

    public ImmutableArray<ExpressionSyntax> Expressions(string keyword) =>
        (this[keyword]?.Value as ExpressionListValueSyntax)?.Expressions ?? ImmutableArray<ExpressionSyntax>.Empty;

    public ImmutableArray<ReferenceSyntax> References(string keyword) =>
        (this[keyword]?.Value as ReferencesValueSyntax)?.References ?? ImmutableArray<ReferenceSyntax>.Empty;

    public ImmutableArray<NumberAssignmentSyntax> NumberAssignments(string keyword) =>
        (this[keyword]?.Value as NumberAssignmentsValueSyntax)?.Assignments ?? ImmutableArray<NumberAssignmentSyntax>.Empty;

    public PairingSyntax? Pairing(string keyword) => (this[keyword]?.Value as PairingValueSyntax)?.Pairing;

    public TestValueSyntax? Test(string keyword) => this[keyword]?.Value as TestValueSyntax;

    /// <summary>The head's items (empty for a formula head).</summary>
    public ImmutableArray<ExpressionSyntax> HeadItems => (Syntax.Head as ListHeadSyntax)?.Items ?? ImmutableArray<ExpressionSyntax>.Empty;

    public FormulaSyntax? Formula => (Syntax.Head as FormulaHeadSyntax)?.Formula;

    /// <summary>The option names of the kind, for messages.</summary>
    public IEnumerable<string> OptionNames => Kind.Options.Select(o => o.Name);
}
