using System.Collections.Immutable;
using ProtocolLang.Text;

namespace ProtocolLang.Syntax;

/// <summary><c>describe a, b, c by group [statistics s1, s2] [quantile_type n]</c></summary>
/// <param name="Statistics">The statistic names after <c>statistics</c>; empty when the clause is absent.</param>
/// <param name="QuantileType">The number after <c>quantile_type</c>, checked by the binder.</param>
public sealed record DescribeSyntax(
    ImmutableArray<IdentifierSyntax> Variables,
    ImmutableArray<IdentifierSyntax> Statistics,
    NumberSyntax? QuantileType,
    TextSpan Span) : DeclarationSyntax(Span)
{
    public DescribeSyntax(ImmutableArray<IdentifierSyntax> variables, TextSpan span)
        : this(variables, ImmutableArray<IdentifierSyntax>.Empty, null, span)
    {
    }
}

/// <summary><c>compare vars: pairing using test [options] [adjust method]</c> or <c>compare vars across groups using test [options]</c>.</summary>
/// <param name="Options">The words after the test name, e.g. <c>exact</c>, <c>no_correct</c>; checked by the binder.</param>
public sealed record CompareSyntax(
    ImmutableArray<IdentifierSyntax> Variables,
    PairingSyntax Pairing,
    IdentifierSyntax Test,
    ImmutableArray<IdentifierSyntax> Options,
    IdentifierSyntax? Adjust,
    TextSpan Span) : DeclarationSyntax(Span)
{
    public CompareSyntax(ImmutableArray<IdentifierSyntax> variables, PairingSyntax pairing, IdentifierSyntax test, IdentifierSyntax? adjust, TextSpan span)
        : this(variables, pairing, test, ImmutableArray<IdentifierSyntax>.Empty, adjust, span)
    {
    }
}

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

/// <summary><c>across groups</c>: one k-sample test over all groups.</summary>
public sealed record AcrossGroupsPairingSyntax(TextSpan Span) : PairingSyntax(Span);

/// <summary><c>model mixed formula [where expr] [method reml|ml]</c></summary>
public sealed record MixedModelSyntax(
    FormulaSyntax Formula,
    ExpressionSyntax? Where,
    IdentifierSyntax? Method,
    TextSpan Span) : DeclarationSyntax(Span);

/// <summary><c>model kaplan_meier Outcome by group [at t1, t2] [conf_type log|log_log|plain]</c></summary>
public sealed record KaplanMeierSyntax(IdentifierSyntax Outcome, ImmutableArray<NumberSyntax> Times, IdentifierSyntax? ConfType, TextSpan Span)
    : DeclarationSyntax(Span);

/// <summary><c>test logrank Outcome by group [rho n] [strata col] [pairwise [adjust method]]</c></summary>
/// <param name="Pairwise">The <c>pairwise</c> keyword, when every pair of groups is also tested.</param>
/// <param name="Adjust">The adjustment method after <c>pairwise adjust</c>.</param>
public sealed record LogRankSyntax(
    IdentifierSyntax Outcome,
    NumberSyntax? Rho,
    IdentifierSyntax? Strata,
    IdentifierSyntax? Pairwise,
    IdentifierSyntax? Adjust,
    TextSpan Span) : DeclarationSyntax(Span);

/// <summary><c>model cox Outcome ~ a + b [reference ...] [ties efron|breslow] [strata s1, s2]</c></summary>
public sealed record CoxModelSyntax(
    IdentifierSyntax Outcome,
    ImmutableArray<IdentifierSyntax> Terms,
    ImmutableArray<ReferenceSyntax> References,
    IdentifierSyntax? Ties,
    ImmutableArray<IdentifierSyntax> Strata,
    TextSpan Span) : DeclarationSyntax(Span);

/// <summary><c>Level</c> (a group, reference for <c>group</c>) or <c>variable = Level</c>.</summary>
public sealed record ReferenceSyntax(IdentifierSyntax? Variable, IdentifierSyntax Level, TextSpan Span) : SyntaxNode(Span);
