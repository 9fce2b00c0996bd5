using System.Collections.Immutable;
using ProtocolLang.Text;

namespace ProtocolLang.Syntax;

/// <summary><c>study Name { declarations }</c>.</summary>
public sealed record StudySyntax(IdentifierSyntax Name, ImmutableArray<DeclarationSyntax> Declarations, TextSpan Span)
    : SyntaxNode(Span);

/// <summary>A top-level declaration inside the study braces.</summary>
public abstract record DeclarationSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary><c>title "..."</c></summary>
public sealed record TitleSyntax(StringSyntax Value, TextSpan Span) : DeclarationSyntax(Span);

/// <summary><c>version "..."</c></summary>
public sealed record VersionSyntax(StringSyntax Value, TextSpan Span) : DeclarationSyntax(Span);

/// <summary><c>derive name = expr [label "..."]</c>; inside a table (per row) or at study level (per subject).</summary>
public sealed record DeriveSyntax(IdentifierSyntax Name, ExpressionSyntax Expression, StringSyntax? Label, TextSpan Span)
    : DeclarationSyntax(Span);

public enum CriterionKind
{
    Include,
    Exclude,
}

/// <summary><c>include "label": expr</c> or <c>exclude "label": expr</c>.</summary>
public sealed record CriterionSyntax(CriterionKind Kind, StringSyntax Label, ExpressionSyntax Predicate, TextSpan Span)
    : DeclarationSyntax(Span);

/// <summary><c>groups [on_overlap fail|exclude] { Name "label": expr ... }</c></summary>
public sealed record GroupsSyntax(ImmutableArray<GroupSyntax> Groups, TextSpan Span) : DeclarationSyntax(Span)
{
    /// <summary>The <c>on_overlap</c> clause of the header, if written.</summary>
    public PolicySyntax? OnOverlap { get; init; }

    /// <summary><c>groups arm { ... }</c>: a named group set, a categorical factor; null for the study's groups.</summary>
    public IdentifierSyntax? Name { get; init; }
}

public sealed record GroupSyntax(IdentifierSyntax Name, StringSyntax Label, ExpressionSyntax Predicate, TextSpan Span)
    : SyntaxNode(Span);

/// <summary><c>report "dir" [formats a, b] [template "file"] [decimals n]</c></summary>
public sealed record ReportSyntax(
    StringSyntax Directory,
    ImmutableArray<IdentifierSyntax> Formats,
    StringSyntax? Template,
    TextSpan Span) : DeclarationSyntax(Span)
{
    /// <summary><c>decimals n</c>: the study's default decimals of every describe table without its own.</summary>
    public NumberSyntax? Decimals { get; init; }
}

/// <summary>
/// A data policy: <c>on_invalid fail|exclude</c> (a study declaration, or a clause of a table header) or
/// <c>on_overlap fail|exclude</c> (a clause of the groups header). <paramref name="Value"/> is the word as
/// written; the binder checks it.
/// </summary>
public sealed record PolicySyntax(IdentifierSyntax Keyword, IdentifierSyntax Value, TextSpan Span) : DeclarationSyntax(Span);

/// <summary><c>compute in engine</c>: the analyses run where the subject rows live, from the engine's sufficient statistics.</summary>
/// <param name="Place">The word after <c>compute in</c>; the binder accepts <c>engine</c>.</param>
public sealed record ComputeSyntax(IdentifierSyntax Place, TextSpan Span) : DeclarationSyntax(Span);
