using System.Collections.Immutable;
using System.Linq;
using ProtocolLang.Text;

namespace ProtocolLang.Syntax;

/// <summary>
/// Any analysis: <c>verb [kind] head { clause }</c>, e.g. <c>model cox Relapse ~ group + age ties efron strata site</c>.
/// The parser reads this one shape for every kind; the binder checks it against the kind's catalog entry.
/// </summary>
/// <param name="Verb">describe, compare, model or test.</param>
/// <param name="Kind">The kind word after <c>model</c>/<c>test</c> (<c>cox</c>); null for describe and compare.</param>
/// <param name="Clauses">In the order written; unknown words are kept (<see cref="ClauseSyntax.Known"/> false) for the binder.</param>
public sealed record AnalysisSyntax(
    IdentifierSyntax Verb,
    IdentifierSyntax? Kind,
    AnalysisHeadSyntax Head,
    ImmutableArray<ClauseSyntax> Clauses,
    TextSpan Span) : DeclarationSyntax(Span)
{
    /// <summary>The first clause with this keyword, or null.</summary>
    public ClauseSyntax? Clause(string keyword) => Clauses.FirstOrDefault(c => c.Known && c.Keyword.Name == keyword);
}

/// <summary>What an analysis reads before its clauses.</summary>
public abstract record AnalysisHeadSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary><c>age, sex, log(ck)</c>: variables or expressions (one for an outcome head).</summary>
public sealed record ListHeadSyntax(ImmutableArray<ExpressionSyntax> Items, TextSpan Span) : AnalysisHeadSyntax(Span);

/// <summary><c>Relapse ~ group + age</c>.</summary>
public sealed record FormulaHeadSyntax(FormulaSyntax Formula, TextSpan Span) : AnalysisHeadSyntax(Span);

/// <summary>
/// One clause: a keyword of the catalog's registry and its value in the registry's shape, or an unknown word
/// (<see cref="Known"/> false; its span runs over the words up to the next known clause).
/// </summary>
public sealed record ClauseSyntax(IdentifierSyntax Keyword, bool Known, ClauseValueSyntax? Value, TextSpan Span) : SyntaxNode(Span);

/// <summary>The value of a clause; null on a <see cref="ClauseSyntax"/> for a flag.</summary>
public abstract record ClauseValueSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary>A word or a name: <c>ties efron</c>, <c>in PP</c>, <c>as km</c>.</summary>
public sealed record WordValueSyntax(IdentifierSyntax Word) : ClauseValueSyntax(Word.Span);

public sealed record WordListValueSyntax(ImmutableArray<IdentifierSyntax> Words, TextSpan Span) : ClauseValueSyntax(Span);

public sealed record NumberValueSyntax(NumberSyntax Number) : ClauseValueSyntax(Number.Span);

public sealed record NumberListValueSyntax(ImmutableArray<NumberSyntax> Numbers, TextSpan Span) : ClauseValueSyntax(Span);

public sealed record ExpressionValueSyntax(ExpressionSyntax Expression) : ClauseValueSyntax(Expression.Span);

public sealed record ExpressionListValueSyntax(ImmutableArray<ExpressionSyntax> Expressions, TextSpan Span) : ClauseValueSyntax(Span);

public sealed record ReferencesValueSyntax(ImmutableArray<ReferenceSyntax> References, TextSpan Span) : ClauseValueSyntax(Span);

/// <summary><c>decimals 1, CK = 0</c>: numbers, each for everything (no name) or for one name.</summary>
public sealed record NumberAssignmentsValueSyntax(ImmutableArray<NumberAssignmentSyntax> Assignments, TextSpan Span) : ClauseValueSyntax(Span);

public sealed record PairingValueSyntax(PairingSyntax Pairing) : ClauseValueSyntax(Pairing.Span);

/// <summary><c>using mann_whitney exact no_correct</c>: the test and the words after it.</summary>
public sealed record TestValueSyntax(IdentifierSyntax Test, ImmutableArray<IdentifierSyntax> Options, TextSpan Span) : ClauseValueSyntax(Span);

public abstract record PairingSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary><c>A vs B</c></summary>
public sealed record TwoGroupsPairingSyntax(IdentifierSyntax First, IdentifierSyntax Second, TextSpan Span)
    : PairingSyntax(Span);

/// <summary><c>Ref vs each</c></summary>
public sealed record VsEachPairingSyntax(IdentifierSyntax Reference, TextSpan Span) : PairingSyntax(Span);

/// <summary><c>Ref vs (B, C)</c></summary>
public sealed record VsListPairingSyntax(IdentifierSyntax Reference, ImmutableArray<IdentifierSyntax> Others, TextSpan Span)
    : PairingSyntax(Span);

/// <summary><c>all pairs</c></summary>
public sealed record AllPairsPairingSyntax(TextSpan Span) : PairingSyntax(Span);

/// <summary><c>Level</c> (a group, reference for <c>group</c>) or <c>variable = Level</c>.</summary>
public sealed record ReferenceSyntax(IdentifierSyntax? Variable, IdentifierSyntax Level, TextSpan Span) : SyntaxNode(Span);

/// <summary><c>1</c> (for everything) or <c>CK = 0</c> (for one name) in a <see cref="Catalog.ClauseShape.NumberAssignments"/> clause.</summary>
public sealed record NumberAssignmentSyntax(IdentifierSyntax? Name, NumberSyntax Value, TextSpan Span) : SyntaxNode(Span);
