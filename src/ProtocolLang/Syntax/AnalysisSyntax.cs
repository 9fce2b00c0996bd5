using System.Collections.Immutable;
using ProtocolLang.Text;

namespace ProtocolLang.Syntax;

/// <summary><c>describe a, b, c by group</c></summary>
public sealed record DescribeSyntax(ImmutableArray<IdentifierSyntax> Variables, TextSpan Span) : DeclarationSyntax(Span);

/// <summary><c>compare vars: pairing using test [adjust method]</c> or <c>compare vars across groups using test</c>.</summary>
public sealed record CompareSyntax(
    ImmutableArray<IdentifierSyntax> Variables,
    PairingSyntax Pairing,
    IdentifierSyntax Test,
    IdentifierSyntax? Adjust,
    TextSpan Span) : DeclarationSyntax(Span);

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
