using ProtocolLang.Text;

namespace ProtocolLang.Syntax;

/// <summary><c>outcome Name ["label"]: kind ...</c></summary>
public sealed record OutcomeSyntax(IdentifierSyntax Name, StringSyntax? Label, OutcomeKindSyntax Kind, TextSpan Span)
    : DeclarationSyntax(Span);

public abstract record OutcomeKindSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary><c>continuous expr [summary median|mean]</c></summary>
public sealed record ContinuousOutcomeSyntax(ExpressionSyntax Value, IdentifierSyntax? Summary, TextSpan Span)
    : OutcomeKindSyntax(Span);

/// <summary><c>binary expr</c></summary>
public sealed record BinaryOutcomeSyntax(ExpressionSyntax Value, TextSpan Span) : OutcomeKindSyntax(Span);

/// <summary><c>categorical expr</c></summary>
public sealed record CategoricalOutcomeSyntax(ExpressionSyntax Value, TextSpan Span) : OutcomeKindSyntax(Span);

/// <summary><c>count expr</c></summary>
public sealed record CountOutcomeSyntax(ExpressionSyntax Value, TextSpan Span) : OutcomeKindSyntax(Span);

/// <summary><c>time_to_event(time, event) [horizon n]</c></summary>
public sealed record TimeToEventOutcomeSyntax(
    ExpressionSyntax Time,
    ExpressionSyntax Event,
    NumberSyntax? Horizon,
    TextSpan Span) : OutcomeKindSyntax(Span);

/// <summary><c>repeated table.column over timeColumn</c></summary>
public sealed record RepeatedOutcomeSyntax(
    IdentifierSyntax Table,
    IdentifierSyntax Column,
    IdentifierSyntax Time,
    TextSpan Span) : OutcomeKindSyntax(Span);
